import type { Clip } from '../clip.js';
import type { Stratum } from './keyed.js';
import { shareAcrossParts } from './part-shares.js';

/** A part of `--splits train=80,val=10,test=10`: its name and weight, in the order given. */
export interface PartWeight {
  readonly name: string;
  readonly weight: number;
}

/**
 * Divides a selection into disjoint parts. Each class's clips are shared across the parts in proportion to
 * the weights, with remainders carried across classes (see shareAcrossParts), then given out in key order:
 * the smallest keys to the first part, and so on. Clips of one youtube id (Kinetics-700 annotates some
 * videos twice, sometimes in two classes) then all go to the part of the one with the smallest key, so no
 * video is in two parts; counts may then move off their shares (see partDeviation).
 */
export function splitIntoParts(selection: readonly Stratum[], parts: readonly PartWeight[]): Stratum[][] {
  const shares = shareAcrossParts(
    selection.map(stratum => stratum.clips.length),
    integerWeights(parts),
  );
  const tentative = new Map<Clip, number>();
  selection.forEach((stratum, s) => {
    const counts = shares[s] as number[];
    let part = 0;
    let given = 0;
    for (const clip of stratum.clips) {
      while (given >= (counts[part] as number)) {
        part += 1;
        given = 0;
      }
      tentative.set(clip, part);
      given += 1;
    }
  });
  // The part of each youtube id: that of its clip with the smallest key.
  const byVideo = new Map<string, { key: number; part: number }>();
  for (const stratum of selection) {
    stratum.clips.forEach((clip, i) => {
      if (clip.youtubeId === null) return;
      const key = stratum.keys[i] as number;
      const seen = byVideo.get(clip.youtubeId);
      if (seen === undefined || key < seen.key)
        byVideo.set(clip.youtubeId, { key, part: tentative.get(clip) as number });
    });
  }
  return parts.map((_, p) =>
    selection.map(stratum => {
      const keep: number[] = [];
      stratum.clips.forEach((clip, i) => {
        const part = clip.youtubeId === null ? tentative.get(clip) : byVideo.get(clip.youtubeId)?.part;
        if (part === p) keep.push(i);
      });
      return {
        ...stratum,
        clips: keep.map(i => stratum.clips[i] as Clip),
        keys: Float64Array.from(keep, i => stratum.keys[i] as number),
      };
    }),
  );
}

/** Weights scaled to integers (decimal weights by a power of ten), so shares are exact. */
function integerWeights(parts: readonly PartWeight[]): number[] {
  const weights = parts.map(part => part.weight);
  const scale = 10 ** Math.max(0, ...weights.map(w => (String(w).split('.')[1] ?? '').length));
  return weights.map(w => Math.round(w * scale));
}

/**
 * How far the parts ended from their shares, in clips: the largest over parts of |total - share of the
 * whole|, and over classes and parts of |count - share of the class|. Both are below one without youtube-id
 * grouping (the summary reports them, since grouping can move clips).
 */
export function partDeviation(
  selection: readonly Stratum[],
  divided: readonly Stratum[][],
  parts: readonly PartWeight[],
): { total: number; class: number } {
  const weights = integerWeights(parts);
  const sum = weights.reduce((a, b) => a + b, 0);
  const whole = selection.reduce((n, s) => n + s.clips.length, 0);
  let total = 0;
  let perClass = 0;
  divided.forEach((part, p) => {
    const w = weights[p] as number;
    const count = part.reduce((n, s) => n + s.clips.length, 0);
    total = Math.max(total, Math.abs(count * sum - whole * w) / sum);
    part.forEach((stratum, s) => {
      const n = (selection[s] as Stratum).clips.length;
      perClass = Math.max(perClass, Math.abs(stratum.clips.length * sum - n * w) / sum);
    });
  });
  return { total, class: perClass };
}

/**
 * Deals a selection into `count` shards: the clips of each class round-robin in key order, carrying on from
 * one class to the next, so shard sizes differ by at most one and every class is spread evenly.
 */
export function dealShards(selection: readonly Stratum[], count: number): Stratum[][] {
  const shards = Array.from({ length: count }, () =>
    selection.map(stratum => ({ ...stratum, clips: [] as Clip[], keys: [] as number[] })),
  );
  let next = 0;
  selection.forEach((stratum, s) => {
    stratum.clips.forEach((clip, i) => {
      const target = (shards[next] as { clips: Clip[]; keys: number[] }[])[s] as { clips: Clip[]; keys: number[] };
      target.clips.push(clip);
      target.keys.push(stratum.keys[i] as number);
      next = (next + 1) % count;
    });
  });
  return shards.map(shard => shard.map(stratum => ({ ...stratum, keys: Float64Array.from(stratum.keys) })));
}
