import { UsageError } from '../../errors.js';
import { compareKeyed, type KeyedClip, type Stratum } from '../keyed.js';
import type { SizeStrategy, StrategyResult } from './types.js';

type CountSpec = { strategy: 'count' | 'stratified-count'; count: number; allowFewer: boolean };

/** How many clips a count strategy takes: N, or all there are with --allow-fewer. */
export function countToTake(spec: CountSpec, available: number): { take: number; warnings: string[] } {
  if (spec.count <= available) return { take: spec.count, warnings: [] };
  if (!spec.allowFewer) {
    throw new UsageError(`--count ${spec.count}: only ${available} eligible clips`, `ask for at most ${available}, or add --allow-fewer to take them all`);
  }
  return { take: available, warnings: [`--count ${spec.count}: only ${available} eligible clips, all taken (--allow-fewer)`] };
}

/** `--count N`: the N smallest keys over all eligible clips, whatever their class. */
export const count: SizeStrategy<CountSpec & { strategy: 'count' }> = {
  name: 'count',
  choose(strata, spec): StrategyResult {
    const all: { keyed: KeyedClip; stratum: number }[] = [];
    strata.forEach((stratum, s) => {
      for (const keyed of stratum.clips) all.push({ keyed, stratum: s });
    });
    const { take, warnings } = countToTake(spec, all.length);
    all.sort((a, b) => compareKeyed(a.keyed, b.keyed));
    const chosen: KeyedClip[][] = strata.map(() => []);
    // Taken in key order, so each stratum's list stays in its own selection order.
    for (const { keyed, stratum } of all.slice(0, take)) chosen[stratum]?.push(keyed);
    return { chosen, warnings };
  },
};

/**
 * Shares `total` across strata in proportion to their sizes by largest remainder: each gets the floor of
 * its exact share, and the clips left over go one each to the largest remainders, ties to the stratum that
 * comes first (strata arrive sorted by split, then class name).
 */
export function largestRemainder(total: number, sizes: readonly number[]): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0) return sizes.map(() => 0);
  // Exact integer arithmetic: share_i = total * size_i / sum = floor + remainder / sum.
  const floors = sizes.map((size) => Math.floor((total * size) / sum));
  const remainders = sizes.map((size, i) => total * size - (floors[i] as number) * sum);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = sizes.map((_, i) => i).sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
  for (const i of order) {
    if (left === 0) break;
    floors[i] = (floors[i] as number) + 1;
    left -= 1;
  }
  return floors;
}

/** `--count N --stratified`: N shared across classes by largest remainder, then each takes its share. */
export const stratifiedCount: SizeStrategy<CountSpec & { strategy: 'stratified-count' }> = {
  name: 'stratified-count',
  choose(strata: readonly Stratum[], spec): StrategyResult {
    const sizes = strata.map((s) => s.clips.length);
    const { take, warnings } = countToTake(spec, sizes.reduce((a, b) => a + b, 0));
    const quotas = largestRemainder(take, sizes);
    return { chosen: strata.map((s, i) => s.clips.slice(0, quotas[i])), warnings };
  },
};
