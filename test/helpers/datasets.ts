import fc from 'fast-check';
import type { Clip } from '../../src/clip.js';
import { kineticsClipId } from '../../src/scan/clip-name.js';

const ID_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'];

/** An 11-character youtube id, possibly starting with `-` or `_`. */
export const youtubeIdArb = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 11, maxLength: 11 });

/** Class names with the characters that trip tools up. */
export const labelArb = fc.oneof(
  fc.constantFrom(
    'abseiling',
    'air drumming',
    'hurling (sport)',
    "massaging person's head",
    'passing American football (in game)',
    'playing pétanque',
    'zumba',
    'Écrire',
    '𝄞 music',
  ),
  fc
    .string({ unit: fc.constantFrom(...'abcdefgh ()'), minLength: 1, maxLength: 12 })
    .filter(s => s.trim() === s && s !== ''),
);

export interface DatasetShape {
  readonly splits: readonly (string | null)[];
  readonly labels: readonly string[];
}

/** Clips of a generated dataset: unique clip ids per split, some empty files, Kinetics-style names. */
export function clipsArb(
  options: { minClips?: number; maxClips?: number; zeroBytes?: boolean } = {},
): fc.Arbitrary<Clip[]> {
  const shape = fc.record({
    splits: fc.constantFrom<(string | null)[]>([null], ['train'], ['train', 'val']),
    labels: fc.uniqueArray(labelArb, { minLength: 1, maxLength: 6 }),
  });
  return shape.chain(({ splits, labels }) =>
    fc
      .uniqueArray(
        fc.record({
          split: fc.constantFrom(...splits),
          label: fc.constantFrom(...labels),
          youtubeId: youtubeIdArb,
          start: fc.nat({ max: 900 }),
          size:
            options.zeroBytes === false
              ? fc.integer({ min: 1, max: 10_000_000 })
              : fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000 })),
        }),
        {
          minLength: options.minClips ?? 0,
          maxLength: options.maxClips ?? 150,
          selector: c => `${c.split}/${kineticsClipId(c.youtubeId, c.start, c.start + 10)}`,
        },
      )
      .map(records => records.map(toClip)),
  );
}

function toClip(r: { split: string | null; label: string; youtubeId: string; start: number; size: number }): Clip {
  const clipId = kineticsClipId(r.youtubeId, r.start, r.start + 10);
  const folder = r.split === null ? r.label : `${r.split}/${r.label}`;
  return {
    path: `${folder}/${clipId}.mp4`,
    label: r.label,
    clipId,
    youtubeId: r.youtubeId,
    timeStart: r.start,
    timeEnd: r.start + 10,
    split: r.split,
    sizeBytes: r.size,
  };
}

/** A permutation of `items` chosen by fast-check. */
export function permutationArb<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.array(fc.nat(), { minLength: items.length, maxLength: items.length }).map(weights =>
    items
      .map((item, i) => ({ item, w: weights[i] as number, i }))
      .sort((a, b) => a.w - b.w || a.i - b.i)
      .map(x => x.item),
  );
}

/** A subset of `items`: each kept or dropped by fast-check. */
export function subsetArb<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc
    .array(fc.boolean(), { minLength: items.length, maxLength: items.length })
    .map(keep => items.filter((_, i) => keep[i]));
}
