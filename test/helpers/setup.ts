import { setDuckDatabases } from '../../src/engine/duckdb.js';
import { sharedDuckInstances } from './shared-duck.js';

// Loaded before the test files in every test process (scripts/run-tests.js passes it to `node --import`).
// A file run on its own without it passes as well, only more slowly.

setDuckDatabases(sharedDuckInstances);
