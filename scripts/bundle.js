// After `tsc`: bundles the program into dist/bundle/, which the bin runs. Compiled one file a module, a start-up
// had Node resolve, read and compile about 270 files of dist/src and the packages they import; a bundle is a
// handful. dist/src and dist/test stay, for the tests and the bench, which import the modules one by one.
//
// - ES modules with code splitting: each `import()` (the commands of src/commands/index.ts, DuckDB's callers)
//   stays a chunk of its own, loaded only when it runs, so `--version` and `--help` load no more than before.
// - The worker threads are entry points of their own, beside every chunk in one flat folder: the pools start
//   them as `new URL('./folder-worker.js', import.meta.url)`, which esbuild leaves as written, so the file must
//   sit beside whichever chunk holds the pool. version.ts reads '../../package.json' the same way: dist/bundle/
//   is as deep as dist/src/. The check at the end fails the build if any such file is not there.
// - `@duckdb/node-api` (optional): its JavaScript goes into a chunk of its own, which engine/duckdb.ts loads only
//   when a command needs DuckDB, through duckdb-package-bundled.ts (put in place of duckdb-package.ts here): its
//   180 files required one by one cost about 100 ms a start-up, the chunk about 45 ms. Its native part,
//   `@duckdb/node-bindings`, stays a package required at run time, from the installed `@duckdb/node-api`'s folder.
// - Packages written as CommonJS (seedrandom) call require(), which an ES module lacks: each file of the bundle
//   makes its own from import.meta.url, as esbuild's documentation suggests.
// - Source maps beside the files, for a stack that points into the bundle; see bin/k400-slice.js.
// - dist/bundle-meta.json, esbuild's account of which sources went into which file: a test reads it to hold
//   that start-up does not load zod, commander or a command it does not run.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'bundle');

const REQUIRE =
  "import { createRequire as __k400Require } from 'node:module';\nconst require = __k400Require(import.meta.url);";

// zod's `z` namespace carries every locale of its error messages (about 70 files, half of its chunk), which
// a start-up must parse; the tool words its own errors and uses English. The locales' index gives English alone.
const englishOnly = {
  name: 'zod-english-only',
  setup(plugin) {
    // A path of no folder, so that no path of the machine that built the bundle goes into its source maps.
    plugin.onResolve({ filter: /\/locales\/index\.js$/ }, args =>
      args.importer.includes(`${join('node_modules', 'zod')}`)
        ? {
            path: 'zod-locales-english-only',
            namespace: 'zod-english-only',
            pluginData: { folder: dirname(resolve(args.resolveDir, args.path)) },
          }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, args => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: args.pluginData.folder,
    }));
  },
};

// The bundle's loader of DuckDB's package in place of the one the compiled modules use, and DuckDB's native
// bindings required from where the installed `@duckdb/node-api` would find them.
const duckdbBundled = {
  name: 'duckdb-bundled',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/duckdb-package\.js$/ }, args =>
      args.importer.endsWith(join('src', 'engine', 'duckdb.ts'))
        ? { path: join(root, 'src', 'engine', 'duckdb-package-bundled.ts') }
        : undefined,
    );
    plugin.onResolve({ filter: /^@duckdb\/node-bindings$/ }, () => ({
      path: 'duckdb-node-bindings',
      namespace: 'duckdb-bundled',
    }));
    plugin.onLoad({ filter: /.*/, namespace: 'duckdb-bundled' }, () => ({
      contents:
        "const { createRequire } = require('node:module');\n" +
        "module.exports = createRequire(require.resolve('@duckdb/node-api'))('@duckdb/node-bindings');",
      loader: 'js',
    }));
  },
};
// Where DuckDB did not install (it is optional), the bundle has none of it, and the loader finds no version.
let duckdbVersion = '';
try {
  const manifest = createRequire(join(root, 'package.json')).resolve('@duckdb/node-api/package.json');
  duckdbVersion = String(JSON.parse(readFileSync(manifest, 'utf8')).version);
} catch {
  duckdbVersion = '';
}

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli.ts',
    'folder-worker': 'src/scan/folder-worker.ts',
    'key-hash-worker': 'src/listing/key-hash-worker.ts',
  },
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  define: { K400_BUNDLED_DUCKDB_VERSION: JSON.stringify(duckdbVersion) },
  external: duckdbVersion === '' ? ['@duckdb/node-api'] : [],
  banner: { js: REQUIRE },
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [englishOnly, duckdbBundled],
});
writeFileSync(join(root, 'dist', 'bundle-meta.json'), JSON.stringify(result.metafile));

// Every file the bundle finds beside itself at run time (a worker, package.json) must be where it looks.
const missing = [];
for (const name of readdirSync(outdir).filter(file => file.endsWith('.js'))) {
  const text = readFileSync(join(outdir, name), 'utf8');
  for (const [, target] of text.matchAll(/new URL\(\s*["'](\.{1,2}\/[^"']+)["'],\s*import\.meta\.url\s*\)/g)) {
    const path = join(outdir, target);
    if (!existsSync(path)) missing.push(`${name} looks for ${target}, and ${relative(root, path)} is not there`);
  }
}
if (missing.length > 0) {
  process.stderr.write(`bundle: ${missing.join('\n')}\n`);
  process.exit(1);
}
