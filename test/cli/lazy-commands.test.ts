import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { Help } from 'commander';
import { commandEntries } from '../../src/commands/index.js';
import type { Io } from '../../src/io.js';
import { runMain } from '../helpers/in-process.js';
import { BIN, PACKAGE_ROOT } from '../helpers/paths.js';

const io: Io = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: '.' };

describe('commands load lazily', () => {
  it('each entry names, describes and lists its command as the loaded command does', async () => {
    for (const entry of commandEntries) {
      const command = (await entry.load())(io);
      assert.equal(command.name(), entry.name);
      assert.equal(command.description(), entry.summary, entry.name);
      assert.equal(new Help().subcommandTerm(command), entry.term, entry.name);
    }
  });

  it('--help lists every command by its term and summary, without loading any', async () => {
    const help = await runMain(['--help']);
    assert.equal(help.status, 0);
    for (const entry of commandEntries) assert.match(help.stdout, new RegExp(`\\n  ${escapeRegExp(entry.term)} +\\S`));
    assert.match(help.stdout, /help \[command\]/);
  });

  it('help NAME and NAME --help show the loaded command with its options', async () => {
    for (const args of [
      ['help', 'slice'],
      ['slice', '--help'],
    ]) {
      const help = await runMain(args);
      assert.equal(help.status, 0, `${args.join(' ')}: ${help.stderr}`);
      assert.match(help.stdout, /--per-class <N>/);
    }
  });

  it('a misspelt command is still one error line with a suggestion, exit 2', async () => {
    const run = await runMain(['slce']);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      "k400-slice: error: unknown command 'slce' (Did you mean slice?) (see k400-slice --help)\n",
    );
  });

  it('start-up imports neither commander, zod nor any command module', () => {
    // The static import graph of the compiled cli.js: what every start-up loads before it reads argv.
    const loaded = staticImports(join(PACKAGE_ROOT, 'dist', 'src', 'cli.js'));
    assert.ok(!loaded.has('zod'), [...loaded].join('\n'));
    for (const entry of commandEntries)
      assert.ok(![...loaded].some(path => path.endsWith(`/commands/${entry.name}.js`)), entry.name);
    assert.ok(!loaded.has('commander'), 'commander: --version is answered without it');
    assert.ok(
      loaded.has('./version.js') || [...loaded].some(p => p.endsWith('/version.js')),
      'the walk follows imports',
    );
  });

  it('in the bundle the bin runs, start-up loads neither commander, zod, DuckDB nor any command', () => {
    // esbuild's account of the bundle (scripts/bundle.js): which sources each file holds, and what it imports.
    const meta = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as BundleMeta;
    const loaded = staticOutputs(meta, 'dist/bundle/cli.js');
    const sources = [...loaded].flatMap(output => Object.keys(meta.outputs[output]?.inputs ?? {}));
    assert.ok(sources.includes('src/cli.ts') && sources.includes('src/version.ts'), sources.join('\n'));
    for (const banned of ['node_modules/zod/', 'node_modules/commander/', 'src/engine/', 'src/options/slice-options'])
      assert.ok(!sources.some(source => source.includes(banned)), `${banned} loads at start-up`);
    for (const entry of commandEntries)
      assert.ok(!sources.includes(`src/commands/${entry.name}.ts`), `${entry.name} loads at start-up`);
    const everywhere = Object.values(meta.outputs).flatMap(output => Object.keys(output.inputs));
    assert.ok(everywhere.includes('src/commands/slice.ts'), 'the commands are in the bundle, loaded on demand');
    // DuckDB's JavaScript is bundled (its 180 files cost a start-up about 100 ms), in a chunk that only DuckDB's
    // loader imports, when a command needs DuckDB; its native bindings stay a package, required at run time.
    assert.ok(everywhere.includes('node_modules/@duckdb/node-api/lib/index.js'), 'DuckDB is bundled');
    assert.ok(!everywhere.some(source => source.includes('@duckdb/node-bindings')), 'its bindings stay a package');
    const slice = Object.keys(meta.outputs).find(output =>
      Object.keys(meta.outputs[output]?.inputs ?? {}).includes('src/commands/slice.ts'),
    );
    const sliceLoads = [...staticOutputs(meta, slice ?? '')].flatMap(output =>
      Object.keys(meta.outputs[output]?.inputs ?? {}),
    );
    assert.ok(sliceLoads.includes('src/commands/slice.ts'), sliceLoads.join('\n'));
    assert.ok(!sliceLoads.some(source => source.includes('@duckdb')), 'slice loads DuckDB only when it runs it');
    // zod's locales give English alone (scripts/bundle.js): the other 70 or so would be parsed at every slice.
    const locales = everywhere.filter(source => /node_modules\/zod\/.*\/locales\/[^/]+$/.test(source));
    assert.ok(
      locales.some(source => source.endsWith('/locales/en.js')),
      'English stays',
    );
    assert.deepEqual(
      locales.filter(source => !source.endsWith('/locales/en.js')),
      [],
    );
    // Only the parts of zod the tool uses: `import { z } from 'zod'` (rather than `import * as z`) kept all of it,
    // its compiler and JSON Schema reader included, which doubled the chunk every slice parses (391 KB, 201 KB).
    for (const unused of ['zod/v4/core/compile.js', 'zod/v4/classic/from-json-schema.js'])
      assert.ok(!everywhere.some(source => source.endsWith(unused)), `${unused} is bundled`);
  });

  it('--version and -V print the version of package.json, alone or after a command', async () => {
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V'])
      assert.deepEqual(await runMain([flag]), { status: 0, stdout: `${version}\n`, stderr: '' });
    // Anywhere else, commander answers it as before.
    assert.deepEqual(await runMain(['slice', '--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--version prints the version from the real bin', () => {
    const run = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

interface BundleMeta {
  readonly outputs: Record<
    string,
    { readonly inputs: Record<string, unknown>; readonly imports: { path: string; kind: string; external?: boolean }[] }
  >;
}

/** The files of the bundle that loading `output` loads: its static imports, transitively (not `import()`). */
function staticOutputs(meta: BundleMeta, output: string, seen = new Set<string>()): Set<string> {
  if (seen.has(output)) return seen;
  seen.add(output);
  for (const imported of meta.outputs[output]?.imports ?? [])
    if (imported.kind === 'import-statement' && imported.external !== true) staticOutputs(meta, imported.path, seen);
  return seen;
}

/** Files (and bare package names) a module imports statically, transitively; `import()` is not followed. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)';/gms)) {
    if (specifier === undefined) continue;
    if (!specifier.startsWith('.')) {
      seen.add(specifier);
      continue;
    }
    const path = join(dirname(file), specifier);
    if (seen.has(path)) continue;
    seen.add(path);
    staticImports(path, seen);
  }
  return seen;
}

function escapeRegExp(text: string): string {
  return text.replace(/[[\]<>.*+?^${}()|\\]/g, '\\$&');
}
