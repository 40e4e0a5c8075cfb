import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { duckDbAvailable } from '../../src/engine/duckdb.js';
import { fixture, PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

// The package as npm installs it: the files `npm pack` publishes (package.json "files"), copied to a folder of
// their own with the dependencies beside them. The bin there has no dist/src to fall back on, so what these run
// is the bundle (scripts/bundle.js): its start-up, the scan threads' and the listing hash threads' worker files,
// package.json for the version, and DuckDB required from inside it.

const env = { ...process.env, NO_COLOR: '1' };
const GOLDEN = readFileSync(fixture('golden', 'kinetics-mini-percent-50-seed-1.csv'), 'utf8');
const PREFIX = 's3://k400-bucket/kinetics/';

let installed = '';
let packed: string[] = [];

function k400(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, [join(installed, 'bin', 'k400-slice.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env,
  });
}

before(() => {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
  });
  assert.equal(pack.status, 0, pack.stderr);
  packed = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]?.files.map(f => f.path) ?? [];
  installed = join(tempDir('k400-installed-'), 'k400-slice');
  for (const file of packed) {
    mkdirSync(dirname(join(installed, file)), { recursive: true });
    cpSync(join(PACKAGE_ROOT, file), join(installed, file));
  }
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
});

describe('the installed package runs its bundle', () => {
  it('publishes the bundle, its workers and source maps, and not the compiled modules', () => {
    for (const file of ['bin/k400-slice.js', 'dist/bundle/cli.js', 'dist/bundle/cli.js.map'])
      assert.ok(packed.includes(file), file);
    for (const worker of ['folder-worker', 'key-hash-worker']) assert.ok(packed.includes(`dist/bundle/${worker}.js`));
    assert.deepEqual(
      packed.filter(file => file.startsWith('dist/') && !file.startsWith('dist/bundle/')),
      [],
    );
  });

  it('prints the version of its package.json, from the shim and from the program', () => {
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['slice', '--version']])
      assert.deepEqual(
        { status: k400(args, tempDir()).status, stdout: k400(args, tempDir()).stdout },
        { status: 0, stdout: `${version}\n` },
      );
  });

  it('walks a root on scan threads (the worker file beside the bundle): the golden manifest', () => {
    const dir = tempDir();
    for (const threads of ['1', '3']) {
      const run = k400(
        ['slice', fixture('kinetics-mini'), '--percent', '50', '--seed', '1', '--threads', threads, '-o', 'm.csv'],
        dir,
      );
      assert.equal(run.status, 0, run.stderr);
      assert.equal(readFileSync(join(dir, 'm.csv'), 'utf8'), GOLDEN, `--threads ${threads}`);
    }
  });

  it('hashes a listing on worker threads as on one', () => {
    const dir = tempDir();
    const listing = fixture('listings', 'aws-s3-ls.txt');
    const manifests = ['1', '3'].map(threads => {
      const args = ['slice', listing, '--prefix', PREFIX, '--percent', '50', '--threads', threads, '-o', '-'];
      const run = k400(args, dir);
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    });
    assert.ok((manifests[0]?.split('\n').length ?? 0) > 10, manifests[0]);
    assert.equal(manifests[1], manifests[0]);
  });

  it('finds DuckDB from the bundle: a Parquet index slices to the golden manifest', async t => {
    if (!(await duckDbAvailable())) return t.skip('DuckDB is not installed here');
    const dir = tempDir();
    const scan = k400(['scan', fixture('kinetics-mini'), '--threads', '2', '-o', 'i.parquet', '-q'], dir);
    assert.equal(scan.status, 0, scan.stderr);
    const args = ['slice', 'i.parquet', '--percent', '50', '--seed', '1', '--engine', 'duckdb', '-o', 'm.csv'];
    const run = k400(args, dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(join(dir, 'm.csv'), 'utf8'), GOLDEN);
  });

  it('a DuckDB package of another version than the bundled one is used as installed', async t => {
    if (!(await duckDbAvailable())) return t.skip('DuckDB is not installed here');
    // The installed package again, its node_modules every package of ours but `@duckdb/node-api`, which is a
    // copy that says it is of another version: the bundle's copy of its JavaScript must not run against it.
    const other = join(tempDir('k400-installed-'), 'k400-slice');
    cpSync(installed, other, {
      recursive: true,
      verbatimSymlinks: true,
      filter: from => from !== join(installed, 'node_modules'),
    });
    const modules = join(PACKAGE_ROOT, 'node_modules');
    mkdirSync(join(other, 'node_modules', '@duckdb'), { recursive: true });
    for (const name of readdirSync(modules).filter(name => name !== '@duckdb'))
      symlinkSync(join(modules, name), join(other, 'node_modules', name));
    for (const name of readdirSync(join(modules, '@duckdb')).filter(name => name !== 'node-api'))
      symlinkSync(join(modules, '@duckdb', name), join(other, 'node_modules', '@duckdb', name));
    const api = join(other, 'node_modules', '@duckdb', 'node-api');
    cpSync(join(modules, '@duckdb', 'node-api'), api, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(api, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(api, 'package.json'), JSON.stringify({ ...manifest, version: `${manifest.version}-other` }));
    // Its JavaScript, as installed, marks that it ran: the bundle's copy would not.
    const index = join(api, 'lib', 'index.js');
    writeFileSync(index, `${readFileSync(index, 'utf8')}\nprocess.stderr.write('installed copy\\n');\n`);
    const dir = tempDir();
    const scan = k400(['scan', fixture('kinetics-mini'), '--threads', '2', '-o', 'i.parquet', '-q'], dir);
    assert.equal(scan.status, 0, scan.stderr);
    const args = ['slice', 'i.parquet', '--percent', '50', '--seed', '1', '--engine', 'duckdb', '-o', 'm.csv', '-q'];
    const run = spawnSync(process.execPath, [join(other, 'bin', 'k400-slice.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'installed copy\n');
    assert.equal(readFileSync(join(dir, 'm.csv'), 'utf8'), GOLDEN);
    // The bundled copy runs when the versions agree: the same package there leaves no mark.
    const bundled = k400(args, dir);
    assert.equal(bundled.status, 0, bundled.stderr);
    assert.equal(bundled.stderr, '');
  });
});
