import { register } from 'node:module';

// Loaded with `node --import` before the bin, so that the bin runs as if DuckDB were not installed.
register(new URL('./hooks.js', import.meta.url));
