import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Clip } from '../../src/clip.js';
import { sliceClips } from '../../src/select/slice.js';
import { clipsArb } from '../helpers/datasets.js';

// sliceClips reuses the input as its eligible list until a filter first removes a clip: whichever clip that
// is (the first, one in the middle, the last, or none), the slice equals one of the clips a filter keeps.
describe('sliceClips: the eligible list', () => {
  it('selects exactly the clips that pass every filter, wherever the removed ones sit', () => {
    fc.assert(
      fc.property(clipsArb({ maxClips: 60, zeroBytes: true }), fc.array(fc.nat()), (clips, picks) => {
        const dropped = new Set(picks.map(p => clips[p % Math.max(1, clips.length)]?.clipId));
        const filter = { name: '--drop', keep: (clip: Clip) => !dropped.has(clip.clipId) };
        const request = { seed: 's', size: { strategy: 'all' as const }, shuffle: false };
        const filtered = sliceClips(clips, { ...request, filters: [filter] });
        const reference = sliceClips(
          clips.filter(clip => filter.keep(clip)),
          { ...request, filters: [] },
        );
        assert.deepEqual(
          filtered.rows.map(clip => clip.path),
          reference.rows.map(clip => clip.path),
        );
        assert.equal(filtered.eligible, reference.eligible);
        const last = filtered.stages.at(-1)?.remaining;
        assert.equal(last, filtered.eligible);
        // Every clip is either eligible or counted against the filter that removed it.
        assert.equal(filtered.stages[0]?.remaining, clips.filter(clip => clip.sizeBytes !== 0).length);
      }),
      { numRuns: 200 },
    );
  });
});
