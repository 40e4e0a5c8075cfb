import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { openDuck, setDuckPackage } from '../../src/engine/duckdb.js';
import { hostileSuite, snapshotTree } from '../helpers/hostile.js';
import { runMain } from '../helpers/in-process.js';
import { BIN, fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

// stats, verify and diff on Parquet files that are damaged, not an index, or that DuckDB is not there to read.

const MINI = fixture('kinetics-mini');
// Indexes made once, outside the cases' folders, which must not change.
const shared = tempDir();
const INDEX = join(shared, 'mini.parquet');
const JSONL = join(shared, 'mini.index.jsonl');
const OTHER = join(shared, 'other.parquet');
await runMain(['scan', MINI, '-o', INDEX, '-q']);
await runMain(['scan', MINI, '-o', JSONL, '-q']);
const duck = await openDuck();
await duck.run(`COPY (SELECT 'a/x.mp4' AS path, 'a' AS label) TO '${OTHER}' (FORMAT parquet)`);
const headed = async (file: string, header: string): Promise<void> =>
  duck.run(`COPY (SELECT 1 AS a) TO '${file}' (FORMAT parquet, KV_METADATA {k400_slice_index: '${header}'})`);
// An index with one more column, named as DuckDB names a file's row numbers: DuckDB then cannot number them.
const NAMED = join(shared, 'row-numbers.parquet');
const kv = await duck.rows(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${INDEX}')`);
const metadata = kv.map(r => `'${String(r.k)}': '${String(r.v).replaceAll("'", "''")}'`).join(', ');
const counted = (clips: number): string => metadata.replace(/"clips":(\d+)/, `"clips":${clips}`);
await duck.run(
  `COPY (SELECT *, 7 AS file_row_number FROM read_parquet('${INDEX}')) TO '${NAMED}' ` +
    `(FORMAT parquet, KV_METADATA {${metadata}})`,
);
// Indexes edited by hand: a column gone, a number column of text, a text column of numbers.
const edited = async (name: string, select: string): Promise<string> => {
  const file = join(shared, name);
  const rows = select.replaceAll('INDEX', `read_parquet('${INDEX}')`);
  const [count] = await duck.rows(`SELECT COUNT(*) AS n FROM (${rows})`);
  await duck.run(`COPY (${rows}) TO '${file}' (FORMAT parquet, KV_METADATA {${counted(Number(count?.n))}})`);
  return file;
};
const EDITED = [
  {
    file: await edited('no-youtube.parquet', 'SELECT * EXCLUDE (youtube_id) FROM INDEX'),
    error: /has no column youtube_id/,
  },
  {
    file: await edited('text-times.parquet', 'SELECT * REPLACE (CAST(time_start AS VARCHAR) AS time_start) FROM INDEX'),
    error: /its column time_start holds VARCHAR, where an index holds numbers/,
  },
  {
    file: await edited('number-labels.parquet', 'SELECT * REPLACE (7 AS label) FROM INDEX'),
    error: /its column label holds INTEGER, where an index holds text/,
  },
  {
    // Read as 2370.0 by SQL and 2370 by JavaScript, the sizes would give the engines different fingerprints.
    file: await edited(
      'double-sizes.parquet',
      'SELECT * REPLACE (CAST(size_bytes AS DOUBLE) AS size_bytes) FROM INDEX',
    ),
    error: /its column size_bytes holds DOUBLE, where an index holds whole numbers/,
  },
  {
    // As text, a missing path would be written "null". (DuckDB finds it only in a row it selects: all, here.)
    file: await edited(
      'no-path.parquet',
      'SELECT * REPLACE (CASE WHEN clip_id = (SELECT min(clip_id) FROM INDEX) THEN NULL ELSE path END AS path) ' +
        'FROM INDEX',
    ),
    error: /index .*no-path\.parquet: a row has no path/,
  },
];
// An index made without probing, less one of the probe's columns: both engines slice it as the whole index.
const NO_CODEC = await edited('no-codec.parquet', 'SELECT * EXCLUDE (codec) FROM INDEX');
// One clip id twice in its class, at another path (the header counts the extra row).
const REPEATED = await edited(
  'repeated.parquet',
  "SELECT * FROM INDEX UNION ALL (SELECT * REPLACE (path || '.copy.mp4' AS path) FROM INDEX ORDER BY clip_id LIMIT 1)",
);
const NOT_JSON = join(shared, 'not-json.parquet');
const WRONG_HEADER = join(shared, 'wrong.parquet');
await headed(NOT_JSON, 'not json');
await headed(WRONG_HEADER, '{"k400_slice_index": 1}');
duck.close();

const cut = (dir: string): string => {
  writeFileSync(join(dir, 'cut.parquet'), readFileSync(INDEX).subarray(0, 300));
  return join(dir, 'cut.parquet');
};
const tailless = (dir: string): void => {
  // The magic bytes at both ends are there, the footer between them is not.
  const bytes = readFileSync(INDEX);
  writeFileSync(join(dir, 'hollow.parquet'), Buffer.concat([bytes.subarray(0, 200), bytes.subarray(-8)]));
};

hostileSuite('hostile input: stats, verify and diff of a Parquet file', [
  ...(['stats', 'verify'] as const).flatMap(command => [
    {
      name: `${command} of a Parquet index cut short`,
      setup: (dir: string) => void cut(dir),
      args: (dir: string) => [command, join(dir, 'cut.parquet')],
      exit: 2,
      stderr: /is not a readable Parquet file/,
    },
    {
      name: `${command} of a Parquet file whose footer is gone`,
      setup: tailless,
      args: (dir: string) => [command, join(dir, 'hollow.parquet')],
      exit: 2,
      stderr: /hollow\.parquet is not a readable Parquet file/,
    },
    {
      name: `${command} of a Parquet file that is not an index`,
      setup: (dir: string) => copyFileSync(OTHER, join(dir, 'other.parquet')),
      args: (dir: string) => [command, join(dir, 'other.parquet')],
      exit: 2,
      stderr: /other\.parquet is a Parquet file without a k400-slice index header/,
    },
  ]),
  {
    name: 'diff of an index and a Parquet file cut short',
    setup: dir => void cut(dir),
    args: dir => ['diff', JSONL, join(dir, 'cut.parquet')],
    exit: 2,
    stderr: /cut\.parquet is not a readable Parquet file/,
  },
  {
    name: 'diff of a Parquet file that is not an index and an index',
    setup: dir => copyFileSync(OTHER, join(dir, 'other.parquet')),
    args: dir => ['diff', join(dir, 'other.parquet'), INDEX],
    exit: 2,
    stderr: /without a k400-slice index header/,
  },
  {
    name: 'slice --engine duckdb of an index with a column named file_row_number: the same slice as js',
    setup: async (dir: string) => {
      copyFileSync(NAMED, join(dir, 'named.parquet'));
      await runMain([
        'slice',
        join(dir, 'named.parquet'),
        '--percent',
        '50',
        '--engine',
        'js',
        '-o',
        join(dir, 'js.csv'),
      ]);
    },
    args: dir => [
      'slice',
      join(dir, 'named.parquet'),
      '--percent',
      '50',
      '--engine',
      'duckdb',
      '-o',
      join(dir, 'm.csv'),
    ],
    exit: 0,
    changes: ['m.csv', 'm.csv.meta.json'],
    after: dir => assert.equal(readFileSync(join(dir, 'm.csv'), 'utf8'), readFileSync(join(dir, 'js.csv'), 'utf8')),
  },
  ...EDITED.flatMap(({ file, error }) =>
    ['duckdb', 'js'].map(engine => ({
      name: `slice --engine ${engine} of an index edited by hand (${basename(file)})`,
      setup: (dir: string) => copyFileSync(file, join(dir, basename(file))),
      args: (dir: string) => ['slice', join(dir, basename(file)), '--engine', engine, '-o', join(dir, 'm.csv')],
      exit: 2,
      stderr: error,
    })),
  ),
  ...['duckdb', 'js'].map(engine => ({
    name: `slice --engine ${engine} of an unprobed index without the probe's codec column: as the whole index`,
    setup: async (dir: string) => {
      copyFileSync(NO_CODEC, join(dir, 'no-codec.parquet'));
      await runMain(['slice', INDEX, '--percent', '50', '--engine', 'js', '-o', join(dir, 'whole.csv')]);
    },
    args: (dir: string) => [
      'slice',
      join(dir, 'no-codec.parquet'),
      '--percent',
      '50',
      '--engine',
      engine,
      '-o',
      join(dir, 'm.csv'),
    ],
    exit: 0,
    changes: ['m.csv', 'm.csv.meta.json'],
    after: (dir: string) =>
      assert.equal(readFileSync(join(dir, 'm.csv'), 'utf8'), readFileSync(join(dir, 'whole.csv'), 'utf8')),
  })),
  {
    name: 'stats of a Parquet file whose index header is not JSON',
    setup: dir => copyFileSync(NOT_JSON, join(dir, 'not-json.parquet')),
    args: dir => ['stats', join(dir, 'not-json.parquet')],
    exit: 2,
    stderr: /not-json\.parquet: its header is not JSON/,
  },
  {
    name: 'verify of a Parquet file whose index header misses its fields',
    setup: dir => copyFileSync(WRONG_HEADER, join(dir, 'wrong.parquet')),
    args: dir => ['verify', join(dir, 'wrong.parquet')],
    exit: 2,
    stderr: /wrong\.parquet: header field/,
  },
]);

/** Set while a command runs as if `@duckdb/node-api` were not installed: the package's loader then throws. */
const hidden = new AsyncLocalStorage<boolean>();
const installed = setDuckPackage(name => {
  if (hidden.getStore() === true) throw new Error(`Cannot find package '${name}' (hidden by a test)`);
  return installed(name);
});

/**
 * Runs the CLI in-process with `@duckdb/node-api` missing, as on a platform where it did not install. Only this
 * call's own work sees it missing: other files' code may run DuckDB in this process meanwhile.
 */
function withoutDuckDb(args: string[], cwd: string) {
  return hidden.run(true, () => runMain(args, { cwd }));
}

/** Runs the real bin with the package hidden from Node's own resolver, as `npm install` leaves it when it fails. */
function binWithoutDuckDb(args: string[], cwd: string) {
  const register = new URL('./without-duckdb/register.js', import.meta.url).href;
  const result = spawnSync(process.execPath, ['--import', register, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status ?? -1, stderr: result.stderr };
}

const MISSING =
  "k400-slice: error: DuckDB is not installed (Cannot find package '@duckdb/node-api' (hidden by a test)) " +
  '(install it with npm install @duckdb/node-api; a JSONL index (scan -o INDEX.jsonl) needs no DuckDB)';

describe('hostile input: a Parquet index where DuckDB is not installed', () => {
  const cases: { name: string; args: (dir: string) => string[] }[] = [
    { name: 'stats', args: () => ['stats', INDEX] },
    { name: 'verify', args: () => ['verify', INDEX] },
    { name: 'diff', args: () => ['diff', JSONL, INDEX] },
    {
      name: 'slice (auto falls back to js, which cannot read Parquet)',
      args: d => ['slice', INDEX, '-o', `${d}/m.csv`],
    },
    { name: 'scan -o X.parquet', args: d => ['scan', MINI, '-o', `${d}/i.parquet`] },
  ];
  for (const row of cases) {
    it(`${row.name}: one error line naming DuckDB, exit 2, nothing written`, async () => {
      const dir = tempDir('k400-hostile-');
      const before = snapshotTree(dir);
      const run = await withoutDuckDb(row.args(dir), dir);
      assert.equal(run.status, 2, run.stderr);
      assert.deepEqual(
        run.stderr.split('\n').filter(line => line !== ''),
        [MISSING],
      );
      assert.deepEqual(snapshotTree(dir), before);
    });
  }

  it('stats and verify of a JSONL index still work without DuckDB', async () => {
    const dir = tempDir('k400-hostile-');
    assert.equal((await withoutDuckDb(['stats', JSONL], dir)).status, 0);
    assert.equal((await withoutDuckDb(['verify', JSONL, '-q'], dir)).status, 0);
  });

  it('the real bin, with the package hidden from Node itself: the same one line, exit 2, nothing written', () => {
    const dir = tempDir('k400-hostile-');
    const before = snapshotTree(dir);
    const run = binWithoutDuckDb(['slice', INDEX, '-o', `${dir}/m.csv`], dir);
    assert.equal(run.status, 2, run.stderr);
    assert.deepEqual(
      run.stderr.split('\n').filter(line => line !== ''),
      [MISSING],
    );
    assert.deepEqual(snapshotTree(dir), before);
  });
});

describe('hostile input: a Parquet index that lists one clip id twice in its class', () => {
  it('is damaged to the JavaScript engine, and DuckDB never fails on it with an internal error', async () => {
    const dir = tempDir('k400-hostile-');
    const js = await runMain(['slice', REPEATED, '--per-class', '2', '--engine', 'js', '-o', join(dir, 'js.csv')]);
    assert.equal(js.status, 2, js.stderr);
    assert.match(js.stderr, /is damaged: row \d+: clip id '.*' is listed twice in its split/);
    // DuckDB finds the repeat where it breaks a quota (a full check costs a pass over the index).
    let found = 0;
    for (let perClass = 1; perClass <= 6; perClass++)
      for (const seed of ['0', '1', '2']) {
        const args = ['slice', REPEATED, '--per-class', String(perClass), '--seed', seed, '--engine', 'duckdb'];
        const run = await runMain([...args, '-o', join(dir, 'd.csv'), '-q']);
        assert.ok(run.status === 0 || run.status === 2, run.stderr);
        if (run.status === 2) {
          assert.match(
            run.stderr,
            /^k400-slice: error: index .* is damaged: clip id '.*' is listed twice in its split/,
          );
          found += 1;
        }
      }
    assert.ok(found > 0, 'no quota met the repeated clip id');
  });
});
