import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeStats, type Stats } from '../../src/api/stats.js';
import { UsageError } from '../../src/errors.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const GOLDEN = fixture('golden', 'kinetics-mini-percent-50-seed-1.csv');

/** Every column of the class rows sums to the total line. */
function assertRowsAddUp(stats: Stats): void {
  const sum = (key: 'clips' | 'missing' | 'zero_byte'): number | null =>
    stats.totals[key] === null ? null : stats.classes.reduce((n, row) => n + (row[key] ?? 0), 0);
  for (const key of ['clips', 'missing', 'zero_byte'] as const) assert.equal(sum(key), stats.totals[key], key);
}

describe('stats', () => {
  it('--split on a manifest counts that split only, and refuses a split the manifest does not hold', async () => {
    const all = await computeStats(GOLDEN, {});
    const val = await computeStats(GOLDEN, { split: 'val' });
    assert.deepEqual(val.totals.splits, { val: all.totals.splits.val });
    assert.equal(val.totals.clips, all.totals.splits.val);
    assert.ok(val.totals.clips < all.totals.clips);
    await assert.rejects(computeStats(GOLDEN, { split: 'nosuch' }), (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /--split nosuch: no such split/);
      assert.match(error.hint ?? '', /train, val/);
      return true;
    });
  });

  it('counts an empty file as zero-byte, not as a clip', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a/x.mp4': 3, 'a/y.mp4': 0, 'b/z.mp4': 4 });
    const stats = await computeStats(dir, {});
    assert.deepEqual(
      stats.classes.map(row => [row.label, row.clips, row.zero_byte]),
      [
        ['a', 1, 1],
        ['b', 1, 0],
      ],
    );
    assert.equal(stats.totals.clips, 2);
    assertRowsAddUp(stats);
  });

  it('a CVDF root with a label-less test CSV: the missing and zero-byte columns add up to the totals', async () => {
    const stats = await computeStats(fixture('cvdf-mini'), {});
    assertRowsAddUp(stats);
    const unlabelled = stats.classes.find(row => row.label === null);
    assert.deepEqual([unlabelled?.clips, unlabelled?.missing], [3, 1]);
    assert.equal(stats.totals.zero_byte, 1);
  });

  it('gives a (no label) row to missing clips of a test CSV even when none of its files is there', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'annotations/train.csv': 'label,youtube_id,time_start,time_end,split\na,aaaaaaaaaaa,0,10,train\n',
      'annotations/test.csv': 'youtube_id,time_start,time_end,split\nbbbbbbbbbbb,0,10,test\ncccccccccccc,0,10,test\n',
      'train/aaaaaaaaaaa_000000_000010.mp4': 5,
      'test/.keep': '',
    });
    const stats = await computeStats(dir, {});
    assertRowsAddUp(stats);
    assert.equal(stats.classes.find(row => row.label === null)?.missing, stats.totals.missing);
    assert.ok((stats.totals.missing ?? 0) > 0);
  });
});
