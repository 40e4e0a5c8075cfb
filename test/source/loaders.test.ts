import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareSlice } from '../../src/api/slice.js';
import { chooseEngine } from '../../src/engine/choose.js';
import { DatasetError } from '../../src/errors.js';
import { sliceOptionsSchema } from '../../src/options/slice-options.js';
import { type LoadOptions, loadSource, probeOf } from '../../src/source/load.js';
import { chooseLoader, findLoader, layoutNames } from '../../src/source/loaders/index.js';
import type { Detection } from '../../src/source/loaders/types.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');
const TRAIN = fixture('kinetics-mini', 'train');
const CVDF = fixture('cvdf-mini');
const VAL_CSV = fixture('cvdf-mini', 'annotations', 'val.csv');
const shared = tempDir();
const JSONL = join(shared, 'mini.index.jsonl');
const PARQUET = join(shared, 'mini.index.parquet');
assert.equal((await runMain(['scan', MINI, '-o', JSONL, '-q'])).status, 0);
assert.equal((await runMain(['scan', MINI, '-o', PARQUET, '-q'])).status, 0);
// A folder with an annotations/ folder whose CSV is named after no split folder.
const STRAY_CSV = join(shared, 'stray');
writeTree(STRAY_CSV, { 'annotations/other.csv': 'label,youtube_id\n', 'clips/a.mp4': 1 });

function detect(name: string, given: string | undefined, options: LoadOptions = {}): Detection {
  const loader = findLoader(name);
  assert.ok(loader !== undefined, name);
  return loader.detect(probeOf(given, options));
}

const no = (reason: string): Detection => ({ fits: false, reason });
const yes: Detection = { fits: true };
const withCsv = { annotations: [VAL_CSV] };

describe('loaders: each one detects what it reads, and says why not', () => {
  const cases: [string, string | undefined, LoadOptions, Detection][] = [
    ['class-tree', TRAIN, {}, yes],
    ['class-tree', MINI, {}, no('no top folder holds videos itself, but folders of them (a split tree)')],
    ['class-tree', TRAIN, withCsv, no('--annotations given (see --layout annotations)')],
    ['class-tree', JSONL, {}, no('is a file, not a folder')],
    ['class-tree', undefined, withCsv, no('no ROOT given')],
    ['class-tree', join(shared, 'nothing'), {}, no('does not exist')],
    ['split-tree', MINI, {}, yes],
    [
      'split-tree',
      TRAIN,
      {},
      no('top folders hold videos themselves, or no folders (not split folders of class folders)'),
    ],
    ['split-tree', '/dev/null', {}, no('is a device, pipe or socket, not a folder')],
    ['cvdf', CVDF, {}, yes],
    ['cvdf', MINI, {}, no('no annotations/ folder')],
    ['cvdf', STRAY_CSV, {}, no('annotations/ holds no <split>.csv of a split folder')],
    ['cvdf', CVDF, withCsv, no('--annotations given (see --layout annotations)')],
    ['annotations', CVDF, withCsv, yes],
    ['annotations', CVDF, {}, no('no --annotations given')],
    ['annotations-only', undefined, withCsv, yes],
    ['annotations-only', undefined, {}, no('no --annotations given')],
    ['annotations-only', CVDF, withCsv, no('a ROOT is given')],
    ['index', JSONL, {}, yes],
    ['index', VAL_CSV, {}, no('no k400-slice index header')],
    ['index', MINI, {}, no('not a file')],
    ['parquet-index', PARQUET, {}, yes],
    ['parquet-index', JSONL, {}, no('not a Parquet file')],
    ['parquet-index', MINI, {}, no('not a file')],
  ];
  for (const [name, given, options, expected] of cases) {
    const what = given === undefined ? '(no root)' : given.slice(given.lastIndexOf('/') + 1);
    it(`${name} on ${what}${options.annotations ? ' with --annotations' : ''}`, () => {
      assert.deepEqual(detect(name, given, options), expected);
    });
  }

  it('without --layout, the first that fits reads: each source its own loader', () => {
    const chosen = (given: string | undefined, options: LoadOptions = {}): string =>
      chooseLoader(probeOf(given, options), undefined).name;
    assert.equal(chosen(TRAIN), 'class-tree');
    assert.equal(chosen(MINI), 'split-tree');
    assert.equal(chosen(CVDF), 'cvdf');
    assert.equal(chosen(CVDF, withCsv), 'annotations');
    assert.equal(chosen(undefined, withCsv), 'annotations-only');
    assert.equal(chosen(JSONL), 'index');
    assert.equal(chosen(PARQUET), 'parquet-index');
  });

  it('every layout is a choice, in detection order', () => {
    assert.deepEqual(layoutNames(), [
      'annotations-only',
      's3-inventory',
      'gcs-inventory',
      'gcloud-ls',
      'aws-s3-ls',
      'path-listing',
      'parquet-index',
      'index',
      'cvdf',
      'annotations',
      'split-tree',
      'class-tree',
    ]);
  });

  it('a file no loader reads is refused naming every candidate and its reason', () => {
    assert.throws(
      () => chooseLoader(probeOf(VAL_CSV, {}), undefined),
      (e: unknown) =>
        e instanceof DatasetError &&
        e.message.endsWith(
          "val.csv' is a file, not a folder, and fits no layout: annotations-only: a ROOT is given; " +
            's3-inventory, gcs-inventory, gcloud-ls, aws-s3-ls, path-listing: not a bucket listing; ' +
            'parquet-index: not a Parquet file; index: no k400-slice index header; ' +
            'cvdf, annotations, split-tree, class-tree: is a file, not a folder',
        ),
    );
  });
});

describe('--layout forces a loader', () => {
  it('that fits: the same source, with the provenance layout as detected', async () => {
    const cases: [string, LoadOptions, string][] = [
      [TRAIN, { layout: 'class-tree' }, 'class-tree'],
      [MINI, { layout: 'split-tree' }, 'split-class-tree'],
      [CVDF, { layout: 'cvdf' }, 'cvdf'],
      [CVDF, { layout: 'annotations', annotations: [VAL_CSV] }, 'flat+annotations'],
      [JSONL, { layout: 'index' }, 'split-class-tree'],
      [PARQUET, { layout: 'parquet-index' }, 'split-class-tree'],
    ];
    for (const [given, options, layout] of cases) {
      const { layout: _forced, ...detected } = options;
      const [forced, auto] = [await loadSource(given, options), await loadSource(given, detected)];
      assert.equal(forced.layout, layout, given);
      assert.equal(forced.fingerprint, auto.fingerprint, given);
      assert.deepEqual(
        forced.clips.map(c => c.path),
        auto.clips.map(c => c.path),
        given,
      );
    }
    const alone = await loadSource(undefined, { layout: 'annotations-only', annotations: [VAL_CSV] });
    assert.equal(alone.layout, 'annotations');
  });

  it('that does not fit: one error naming it and why', async () => {
    await assert.rejects(
      loadSource(MINI, { layout: 'index' }),
      (e: unknown) =>
        e instanceof DatasetError &&
        e.message === `--layout index does not fit '${MINI}': not a file` &&
        /--help/.test(e.hint ?? ''),
    );
    await assert.rejects(
      loadSource(MINI, { layout: 'class-tree' }),
      (e: unknown) => e instanceof DatasetError && /class-tree does not fit .*\(a split tree\)$/.test(e.message),
    );
  });

  it('on the command line and in a run config, with the bytes of a detected layout', async () => {
    const dir = tempDir();
    const forced = await runMain(['slice', MINI, '--layout', 'split-tree', '--percent', '50', '--no-meta', '-q']);
    const detected = await runMain(['slice', MINI, '--percent', '50', '--no-meta', '-q']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(forced.stdout, detected.stdout);
    const config = join(dir, 'slices.json');
    const output = join(dir, 'm.csv');
    writeFileSync(
      config,
      JSON.stringify({ source: MINI, layout: 'split-tree', slices: { a: { percent: 50, output } } }),
    );
    const run = await runMain(['run', config, '-q']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(output, 'utf8'), detected.stdout);
    writeFileSync(config, JSON.stringify({ source: MINI, layout: 'cvdf', slices: { a: { percent: 50, output } } }));
    const refused = await runMain(['run', config, '-q']);
    assert.equal(refused.status, 2);
    // A config names the field as it writes it: `layout`.
    assert.match(refused.stderr, /slices\.a: layout cvdf does not fit .*: no annotations\/ folder/);
  });

  it('leaves an index to DuckDB only when the forced layout reads it as one', async () => {
    const prepared = (source: string, layout: string) =>
      prepareSlice(sliceOptionsSchema.parse({ source, layout, percent: '10' }));
    const engine = async (source: string, layout: string) => {
      const choice = await chooseEngine('auto', prepared(source, layout), { threshold: 1 });
      choice.duck?.close(); // the DuckDB that read the header, left open for the slice
      return choice.engine;
    };
    assert.equal(await engine(PARQUET, 'parquet-index'), 'duckdb');
    assert.equal(await engine(JSONL, 'index'), 'duckdb');
    // Read by the loader, which refuses: DuckDB would have read either kind of index.
    assert.equal(await engine(PARQUET, 'index'), 'js');
    assert.equal(await engine(JSONL, 'parquet-index'), 'js');
    assert.equal(await engine(JSONL, 'class-tree'), 'js');
  });

  it('on scan and stats', async () => {
    const scanned = await runMain(['scan', TRAIN, '--layout', 'class-tree', '-q']);
    assert.equal(scanned.status, 0, scanned.stderr);
    assert.match(scanned.stdout, /"layout":"class-tree"/);
    const stats = await runMain(['stats', JSONL, '--layout', 'index', '--json']);
    assert.equal(stats.status, 0, stats.stderr);
    const refused = await runMain(['stats', MINI, '--layout', 'cvdf']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^k400-slice: error: --layout cvdf does not fit .*: no annotations\/ folder/);
  });
});
