// Strata for the strategy tests: clips named by class and number, keys in order across the classes.
import { type RankedStratum, rankedOf } from '../../src/select/keyed.js';

/** Strata whose keys run 0, 1, 2, ... across them in order; `ties` gives keys to reuse instead. */
export function strata(sizes: Record<string, number>, keysOf?: (label: string, i: number) => number): RankedStratum[] {
  let key = 0;
  return Object.entries(sizes).map(([label, n]) =>
    rankedOf({
      split: null,
      label,
      clips: Array.from({ length: n }, (_, i) => ({
        path: `${label}/${i}.mp4`,
        label,
        clipId: `${label}-${i}`,
        youtubeId: null,
        timeStart: null,
        timeEnd: null,
        split: null,
        sizeBytes: 1,
      })),
      keys: Float64Array.from({ length: n }, (_, i) => keysOf?.(label, i) ?? key++),
    }),
  );
}
