import { createRequire } from 'node:module';
import type { DuckModule } from './duckdb-package.js';

// What the bundle the bin runs has in place of duckdb-package.ts (scripts/bundle.js swaps them). The JavaScript
// of `@duckdb/node-api` is bundled into a chunk of its own, loaded only here: required as installed, its 180
// files cost about 100 ms of every start-up that needs DuckDB, the chunk about 45 ms. Its native part,
// `@duckdb/node-bindings`, is still required as installed, from the installed package's own folder.

/** The version of `@duckdb/node-api` whose JavaScript the bundle holds, set by scripts/bundle.js. */
declare const K400_BUNDLED_DUCKDB_VERSION: string;

const PACKAGE = '@duckdb/node-api';
const requireCjs = createRequire(import.meta.url);

/**
 * Loads DuckDB's package, `name`: the bundled JavaScript when the package is installed at the version bundled;
 * the package as installed when it is of another version (installed after the bundle was built); for a missing
 * package, the error require() gives.
 */
export async function loadDuckPackage(name: string): Promise<DuckModule> {
  if (name !== PACKAGE) return requireCjs(name) as DuckModule;
  // Not installed: the error require() gives, naming the package.
  requireCjs.resolve(PACKAGE);
  const { version } = requireCjs(`${PACKAGE}/package.json`) as { version?: unknown };
  if (version !== K400_BUNDLED_DUCKDB_VERSION) return requireCjs(name) as DuckModule;
  // A CommonJS package bundled into an ES module chunk is its default export.
  const loaded = (await import('@duckdb/node-api')) as DuckModule & { default?: DuckModule };
  return loaded.default ?? loaded;
}
