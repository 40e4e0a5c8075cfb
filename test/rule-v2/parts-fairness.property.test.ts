import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Clip } from '../../src/clip.js';
import { shareAcrossParts } from '../../src/select/part-shares.js';
import { type PartWeight, partDeviation, splitIntoParts } from '../../src/select/parts.js';
import { orderRows, sliceClips } from '../../src/select/slice.js';
import { clipsArb } from '../helpers/datasets.js';

const weightsArb: fc.Arbitrary<PartWeight[]> = fc
  .uniqueArray(fc.constantFrom('train', 'val', 'test', 'holdout', 'extra'), { minLength: 2, maxLength: 5 })
  .chain(names => fc.tuple(...names.map(name => fc.integer({ min: 1, max: 90 }).map(weight => ({ name, weight })))));

describe('rule v2: --splits fairness', () => {
  it('gives each class the floor or ceiling of its share, and each part its share of the whole within one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 6 }),
        (sizes, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const counts = shareAcrossParts(sizes, weights);
          const whole = sizes.reduce((a, b) => a + b, 0);
          weights.forEach((w, p) => {
            counts.forEach((row, c) => {
              const n = sizes[c] as number;
              assert.ok(Math.abs((row[p] as number) * sum - n * w) < sum, `class ${c} part ${p}`);
            });
            const total = counts.reduce((t, row) => t + (row[p] as number), 0);
            assert.ok(Math.abs(total * sum - whole * w) <= sum, `part ${p}: ${total} for ${(whole * w) / sum}`);
          });
          counts.forEach((row, c) => {
            assert.equal(
              row.reduce((a, b) => a + b, 0),
              sizes[c],
            );
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('holds on sliced datasets without shared videos, which the deviation the summary reports confirms', () => {
    fc.assert(
      fc.property(clipsArb({ maxClips: 150, zeroBytes: false }), weightsArb, fc.string(), (clips, parts, seed) => {
        const unique = [...new Map(clips.map(c => [c.youtubeId, c])).values()];
        const { selection } = sliceClips(unique, { seed, size: { strategy: 'all' }, filters: [], shuffle: false });
        const divided = splitIntoParts(selection, parts);
        const deviation = partDeviation(selection, divided, parts);
        assert.ok(deviation.total <= 1, `total ${deviation.total}`);
        assert.ok(deviation.class < 1, `class ${deviation.class}`);
      }),
      { numRuns: 300 },
    );
  });

  it('orders the rows of a part by label and clip id, not by the split folder they came from', () => {
    const clip = (split: string, label: string, clipId: string): Clip => ({
      path: `${split}/${label}/${clipId}.mp4`,
      label,
      clipId,
      youtubeId: null,
      timeStart: null,
      timeEnd: null,
      split,
      sizeBytes: 1,
    });
    const clips = [clip('train', 'b', 'x1'), clip('val', 'a', 'x2'), clip('train', 'a', 'x3'), clip('val', 'b', 'x0')];
    const { selection } = sliceClips(clips, { seed: '0', size: { strategy: 'all' }, filters: [], shuffle: false });
    assert.deepEqual(
      orderRows(selection, false, '0', true).map(c => c.clipId),
      ['x2', 'x3', 'x0', 'x1'],
    );
    assert.deepEqual(
      orderRows(selection, false, '0').map(c => c.clipId),
      ['x3', 'x1', 'x2', 'x0'],
    );
  });
});
