import { createRequire } from 'node:module';

/** DuckDB's package as the tool uses it. */
export type DuckModule = typeof import('@duckdb/node-api');

// The package is CommonJS: require() loads it in half the time import() does, which first has the whole
// package's source lexed for its export names (about 0.25 s of CPU at every start-up that needs DuckDB).
// require() keeps what it loaded, so asking again costs a lookup.
const requireCjs = createRequire(import.meta.url);

/**
 * Loads DuckDB's package, `name` (a test passes one that is not installed), as installed. The bundle the bin
 * runs swaps this module for duckdb-package-bundled.ts (scripts/bundle.js); the tests and the bench, which import
 * the compiled modules, use this one.
 */
export async function loadDuckPackage(name: string): Promise<DuckModule> {
  return requireCjs(name) as DuckModule;
}
