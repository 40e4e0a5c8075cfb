import type { Clip } from '../clip.js';
import type { Stratum } from './keyed.js';
import { largestRemainder } from './strategies/count.js';

/** A part of `--splits train=80,val=10,test=10`: its name and weight, in the order given. */
export interface PartWeight {
  readonly name: string;
  readonly weight: number;
}

/**
 * Divides a selection into disjoint parts. Each class's clips are shared across the parts in proportion to
 * the weights by largest remainder (ties to the part listed first), then given out in key order: the
 * smallest keys to the first part, and so on. Clips of one youtube id (Kinetics-700 annotates some videos
 * twice, sometimes in two classes) then all go to the part of the one with the smallest key, so no video
 * is in two parts; a class's counts may then differ from its exact share by one.
 */
export function splitIntoParts(selection: readonly Stratum[], parts: readonly PartWeight[]): Stratum[][] {
  const weights = parts.map(part => part.weight);
  const tentative = new Map<Clip, number>();
  for (const stratum of selection) {
    const shares = shareByWeight(stratum.clips.length, weights);
    let part = 0;
    let given = 0;
    stratum.clips.forEach(clip => {
      while (given >= (shares[part] as number)) {
        part += 1;
        given = 0;
      }
      tentative.set(clip, part);
      given += 1;
    });
  }
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

/** Largest remainder over weights that need not sum to anything in particular. */
function shareByWeight(total: number, weights: readonly number[]): number[] {
  // largestRemainder shares in proportion to integer sizes; scale decimal weights to integers first.
  const scale = 10 ** Math.max(0, ...weights.map(w => (String(w).split('.')[1] ?? '').length));
  return largestRemainder(
    total,
    weights.map(w => Math.round(w * scale)),
  );
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
