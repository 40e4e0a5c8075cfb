import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePercent } from '../../src/select/percent.js';
import { parseSpare, sparesFor, withSpares } from '../../src/select/spare.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { run } from './plan-helpers.js';

const VAL = fixture('plan', 'k400-val-official.csv');
const TRAIN = fixture('plan', 'k400-train-pandas-quoted.csv');

/** The planned paths of a CSV manifest, in row order. */
function paths(csv: string): string[] {
  return csv
    .trimEnd()
    .split('\n')
    .slice(1)
    .map(line => (line.startsWith('"') ? line.slice(1, line.indexOf('"', 1)) : line.slice(0, line.indexOf(','))));
}

/** A download of these planned paths below `root`: a small non-empty file each. */
function download(root: string, planned: readonly string[]): void {
  writeTree(root, Object.fromEntries(planned.map(path => [path, 5])));
}

describe('--spare', () => {
  it('parses a percent of the quota or a count a class, and rounds a percent up', () => {
    assert.deepEqual(parseSpare('3'), { kind: 'count', count: 3 });
    assert.equal(parseSpare('20%')?.kind, 'percent');
    for (const bad of ['0', '0%', '-1', '20 %%', 'x', '', '1.5']) assert.equal(parseSpare(bad), undefined, bad);
    const twenty = { kind: 'percent', percent: parsePercent('20') } as const;
    assert.deepEqual(
      [0, 1, 5, 6, 10].map(q => sparesFor(q, twenty as never)),
      [0, 1, 1, 2, 2],
    );
    assert.deepEqual(withSpares([2, 5, 0], [3, 9, 4], { kind: 'count', count: 2 }), [3, 7, 2]);
  });

  it('adds the next clips in key order: --per-class 2 --spare 1 plans the clips of --per-class 3', async () => {
    const spared = await run(['slice', '--annotations', VAL, '--per-class', '2', '--spare', '1']);
    const three = await run(['slice', '--annotations', VAL, '--per-class', '3']);
    assert.equal(spared.status, 0, spared.stderr);
    assert.equal(spared.stdout, three.stdout);
    assert.match(spared.stderr, /selected 15 clips \(5 of them spares\) of 60 eligible in 5 classes/);
    // 25% of 12 is 3 a class; 20% of 3 is 0.6, rounded up to 1.
    const percent = await run(['slice', '--annotations', VAL, '--percent', '25', '--spare', '20%']);
    const four = await run(['slice', '--annotations', VAL, '--per-class', '4']);
    assert.equal(percent.stdout, four.stdout);
  });

  it('is recorded in the provenance', async () => {
    const dir = tempDir();
    const out = join(dir, 'plan.csv');
    const result = await run(['slice', '--annotations', VAL, '--percent', '25', '--spare', '20%', '-o', out]);
    assert.equal(result.status, 0, result.stderr);
    const { provenance } = JSON.parse(readFileSync(`${out}.meta.json`, 'utf8'));
    assert.equal(provenance.options.spare, '20%');
    assert.equal(provenance.source.layout, 'annotations');
    assert.equal(provenance.source.given, '');
    assert.equal(provenance.source.root, undefined);
    // With no root, the report card names the annotation files as the source.
    const card = await run(['slice', '--annotations', VAL, '--per-class', '1', '-o', out, '--markdown', '-', '-q']);
    assert.match(card.stdout, /\| source \| `[^`]*k400-val-official\.csv` \(annotations\) \|/);
  });
});

describe('--have', () => {
  it('leaves out what a smaller plan downloaded: growing 25% to 50% fetches only the difference', async () => {
    const dir = tempDir();
    const root = join(dir, 'k400');
    const small = await run(['slice', '--annotations', VAL, '--annotations', TRAIN, '--percent', '25']);
    download(root, paths(small.stdout));
    const big = await run(['slice', '--annotations', VAL, '--annotations', TRAIN, '--percent', '50']);
    const rest = await run([
      'slice',
      '--annotations',
      VAL,
      '--annotations',
      TRAIN,
      '--percent',
      '50',
      '--have',
      root,
      '-o',
      join(dir, 'rest.csv'),
    ]);
    assert.equal(rest.status, 0, rest.stderr);
    const expected = paths(big.stdout).filter(path => !paths(small.stdout).includes(path));
    assert.ok(expected.length > 0);
    assert.deepEqual(paths(readFileSync(join(dir, 'rest.csv'), 'utf8')), expected);
    // 50% of 10 train clips and of 12 val clips a class, 5 classes; 25% of them is 3 a class.
    assert.match(rest.stderr, /^k400-slice: train: 25 clips planned, 15 already present, 10 to download$/m);
    assert.match(rest.stderr, /^k400-slice: val: 30 clips planned, 15 already present, 15 to download$/m);
    const { provenance } = JSON.parse(readFileSync(join(dir, 'rest.csv.meta.json'), 'utf8'));
    assert.equal(provenance.options.have, root);
    assert.deepEqual([provenance.counts.planned, provenance.counts.present], [55, 30]);
  });

  it('reads an index of the download too, and plans again what is empty or was never fetched', async () => {
    const dir = tempDir();
    const root = join(dir, 'k400');
    const plan = await run(['slice', '--annotations', VAL, '--per-class', '2']);
    const planned = paths(plan.stdout);
    download(root, planned.slice(1));
    writeFileSync(join(root, planned[1] as string), '');
    const index = join(dir, 'k400.index.jsonl');
    const scan = await run(['scan', root, '--annotations', VAL, '-o', index]);
    assert.equal(scan.status, 0, scan.stderr);
    for (const have of [root, index]) {
      const again = await run(['slice', '--annotations', VAL, '--per-class', '2', '--have', have]);
      assert.equal(again.status, 0, again.stderr);
      assert.deepEqual(paths(again.stdout), planned.slice(0, 2), have);
    }
  });

  it('an empty download folder leaves the whole plan', async () => {
    const dir = tempDir();
    const plan = await run(['slice', '--annotations', VAL, '--per-class', '1']);
    const again = await run(['slice', '--annotations', VAL, '--per-class', '1', '--have', dir]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, plan.stdout);
    assert.match(again.stderr, /val: 5 clips planned, 0 already present, 5 to download/);
  });
});
