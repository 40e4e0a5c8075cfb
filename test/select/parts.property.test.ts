import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Clip } from '../../src/clip.js';
import { kineticsClipId } from '../../src/scan/clip-name.js';
import type { Stratum } from '../../src/select/keyed.js';
import { dealShards, type PartWeight, splitIntoParts } from '../../src/select/parts.js';
import { sliceClips } from '../../src/select/slice.js';
import { clipsArb } from '../helpers/datasets.js';

const weightsArb: fc.Arbitrary<PartWeight[]> = fc
  .uniqueArray(fc.constantFrom('train', 'val', 'test', 'holdout'), { minLength: 2, maxLength: 4 })
  .chain(names => fc.tuple(...names.map(name => fc.integer({ min: 1, max: 90 }).map(weight => ({ name, weight })))));

/** Clips where some youtube ids have a second segment, as in Kinetics-700 (possibly in another class). */
const sharedVideosArb = clipsArb({ maxClips: 120, zeroBytes: false }).chain(clips =>
  fc.subarray(clips, { maxLength: Math.min(8, clips.length) }).chain(chosen =>
    fc
      .tuple(
        fc.constant(clips),
        fc.tuple(
          ...chosen.map(clip =>
            fc.constantFrom(...new Set(clips.map(c => c.label))).map((label): Clip => {
              const start = (clip.timeStart as number) + 500;
              const clipId = kineticsClipId(clip.youtubeId as string, start, start + 10);
              return {
                ...clip,
                label,
                timeStart: start,
                timeEnd: start + 10,
                clipId,
                path: `${clip.split ?? ''}/${label}/${clipId}.mp4`,
              };
            }),
          ),
        ),
      )
      .map(([all, extra]) => [...all, ...extra]),
  ),
);

function select(clips: readonly Clip[], seed: string): Stratum[] {
  return sliceClips(clips, { seed, size: { strategy: 'all' }, filters: [], shuffle: false }).selection;
}

function oneClipPerVideo(clips: Clip[]): Clip[] {
  return [...new Map(clips.map(clip => [clip.youtubeId, clip])).values()];
}

const ids = (parts: readonly Stratum[]): string[] => parts.flatMap(s => s.clips.map(c => `${c.split}/${c.clipId}`));

describe('--splits and --shards', () => {
  it('parts are disjoint and together are the slice; no youtube id is in two parts', () => {
    fc.assert(
      fc.property(sharedVideosArb, weightsArb, fc.string(), (clips, weights, seed) => {
        const selection = select(clips, seed);
        const parts = splitIntoParts(selection, weights);
        const all = parts.flatMap(ids);
        assert.equal(new Set(all).size, all.length, 'a clip in two parts');
        assert.deepEqual([...all].sort(), ids(selection).sort());
        const partOf = new Map<string, number>();
        parts.forEach((part, p) =>
          part.forEach(s =>
            s.clips.forEach(c => {
              const seen = partOf.get(c.youtubeId as string);
              assert.ok(seen === undefined || seen === p, `youtube id ${c.youtubeId} in parts ${seen} and ${p}`);
              partOf.set(c.youtubeId as string, p);
            }),
          ),
        );
      }),
    );
  });

  it('each class is shared within one clip of its exact share (videos of one segment each)', () => {
    fc.assert(
      fc.property(
        clipsArb({ maxClips: 150, zeroBytes: false }).map(oneClipPerVideo),
        weightsArb,
        fc.string(),
        (clips, weights, seed) => {
          const selection = select(clips, seed);
          const parts = splitIntoParts(selection, weights);
          const sum = weights.reduce((n, w) => n + w.weight, 0);
          selection.forEach((stratum, s) => {
            parts.forEach((part, p) => {
              const exact = (stratum.clips.length * (weights[p] as PartWeight).weight) / sum;
              const got = (part[s] as Stratum).clips.length;
              assert.ok(Math.abs(got - exact) < 1, `${stratum.label}: part ${p} has ${got}, exact share ${exact}`);
            });
          });
        },
      ),
    );
  });

  // Rule v2 carries remainders across classes, so a class's ceiling may go to another part in a larger
  // slice: the first part is nested across sizes up to one clip a class.
  it('gives each part the smallest keys in turn: the first part is nested across sizes, but one clip a class', () => {
    fc.assert(
      fc.property(clipsArb({ maxClips: 150, zeroBytes: false }), fc.string(), (clips, seed) => {
        const weights = [
          { name: 'train', weight: 80 },
          { name: 'val', weight: 20 },
        ];
        const small = sliceClips(clips, {
          seed,
          size: { strategy: 'per-class', perClass: 5 },
          filters: [],
          shuffle: false,
        }).selection;
        const large = sliceClips(clips, {
          seed,
          size: { strategy: 'per-class', perClass: 10 },
          filters: [],
          shuffle: false,
        }).selection;
        const inLarge = new Set(ids(splitIntoParts(large, weights)[0] as Stratum[]));
        for (const stratum of splitIntoParts(small, weights)[0] as Stratum[]) {
          const outside = ids([stratum]).filter(id => !inLarge.has(id));
          assert.ok(outside.length <= 1, outside.join(' '));
        }
      }),
    );
  });

  it('shards are disjoint, cover the slice, differ in size by at most one, and spread every class', () => {
    fc.assert(
      fc.property(clipsArb({ maxClips: 150 }), fc.integer({ min: 1, max: 9 }), fc.string(), (clips, count, seed) => {
        const selection = select(clips, seed);
        const shards = dealShards(selection, count);
        const sizes = shards.map(shard => ids(shard).length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
        const all = shards.flatMap(ids);
        assert.equal(new Set(all).size, all.length);
        assert.deepEqual([...all].sort(), ids(selection).sort());
        selection.forEach((stratum, s) => {
          const perShard = shards.map(shard => (shard[s] as Stratum).clips.length);
          assert.ok(Math.max(...perShard) - Math.min(...perShard) <= 1, `${stratum.label} spread ${perShard}`);
        });
      }),
    );
  });
});
