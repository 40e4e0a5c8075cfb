import Module, { register } from 'node:module';

// Loaded with `node --import` before the bin, so that the bin runs as if DuckDB were not installed: the
// package is hidden from require() (how the tool loads it) and from import() (the hooks).

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request, ...rest) {
  if (request.startsWith('@duckdb/')) {
    const error = new Error(`Cannot find package '${request}' (hidden by a test)`) as Error & { code: string };
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolveFilename.call(this, request, ...rest);
};
register(new URL('./hooks.js', import.meta.url));
