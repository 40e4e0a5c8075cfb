import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Clip } from '../../src/clip.js';
import { ClipList } from '../../src/select/clip-rows.js';
import { parsePercent } from '../../src/select/percent.js';
import { sliceClips, sliceRows } from '../../src/select/slice.js';
import type { SizeSpec } from '../../src/select/strategies/index.js';
import { clipsArb } from '../helpers/datasets.js';

/** A ClipList that counts the clips it hands out to keep. */
class CountingList extends ClipList {
  made = 0;
  override clipAt(row: number): Clip {
    this.made += 1;
    return super.clipAt(row);
  }
}

const percent: SizeSpec = {
  strategy: 'percent',
  percent: parsePercent('30') as NonNullable<ReturnType<typeof parsePercent>>,
  minPerClass: 1,
};

describe('slicing rows', () => {
  it('makes a clip only of each row it selects, and selects what slicing the same clips does', () => {
    fc.assert(
      fc.property(clipsArb({ maxClips: 80 }), fc.string({ maxLength: 3 }), (clips, seed) => {
        const request = { seed, size: percent, filters: [], shuffle: false };
        const table = new CountingList(clips, seed);
        const result = sliceRows(table, request);
        assert.equal(table.made, result.rows.length);
        assert.deepEqual(result.rows, sliceClips(clips, request).rows);
      }),
    );
  });

  it("hashes keys again when the table's were hashed for another seed", () => {
    fc.assert(
      fc.property(clipsArb({ maxClips: 80 }), clips => {
        const request = { seed: 'other', size: percent, filters: [], shuffle: false };
        assert.deepEqual(sliceRows(new ClipList(clips, '0'), request).rows, sliceClips(clips, request).rows);
      }),
    );
  });
});
