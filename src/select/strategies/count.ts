import { compareCodePoints } from '../../clip.js';
import { UsageError } from '../../errors.js';
import { grouped } from '../../grouped.js';
import { flag, positiveInteger } from '../../options/fields.js';
import { knownSize, type RankedStratum } from '../keyed.js';
import type { ParsedOptions, SizeStrategy, StrategyResult } from './types.js';

type CountSpec = {
  readonly strategy: 'count' | 'stratified-count';
  readonly count: number;
  readonly allowFewer: boolean;
};

/** What `--count` and `--stratified` share: the count, --allow-fewer, and how they are named and recorded. */
const countParts = {
  selector: { key: 'count', flag: '--count' },
  needsLabels: null,
  sql: true,
  describe: (spec: CountSpec) => ({
    flag: `--count ${spec.count}`,
    options: { strategy: spec.strategy, count: spec.count, allow_fewer: spec.allowFewer },
  }),
};

function countSpec<S extends CountSpec['strategy']>(strategy: S, o: ParsedOptions) {
  return { strategy, count: o.count as number, allowFewer: o.allowFewer === true };
}

/** How many clips a count strategy takes: N, or all there are with --allow-fewer. */
export function countToTake(spec: CountSpec, available: number): { take: number; warnings: string[] } {
  if (spec.count <= available) return { take: spec.count, warnings: [] };
  if (!spec.allowFewer) {
    throw new UsageError(
      `--count ${spec.count}: only ${grouped(available)} eligible clips`,
      `ask for at most ${available}, or add --allow-fewer to take them all`,
    );
  }
  return {
    take: available,
    warnings: [`--count ${spec.count}: only ${grouped(available)} eligible clips, all taken (--allow-fewer)`],
  };
}

/**
 * `--count N`: the N smallest keys over all eligible clips, whatever their class. Each stratum is already
 * in key order, so its share is a prefix: everything below the N-th smallest key, plus the clips at exactly
 * that key that win the tie by clip id.
 */
export const count = {
  ...countParts,
  name: 'count',
  flags: [
    { flag: '--count <N>', help: 'keep N clips in all' },
    { flag: '--allow-fewer', help: 'with --count, take every clip when fewer than N are eligible' },
  ],
  fields: { count: positiveInteger('--count 1000').optional(), allowFewer: flag.default(false) },
  specOf: o => (o.count === undefined || o.stratified === true ? undefined : countSpec('count', o)),
  check(o, problem) {
    if (o.allowFewer === true && o.count === undefined) problem('allowFewer', 'only applies to --count');
  },
  choose(strata, spec: CountSpec & { readonly strategy: 'count' }): StrategyResult {
    const total = strata.reduce((n, s) => n + s.keys.length, 0);
    const { take, warnings } = countToTake(spec, total);
    if (take === 0) return { quotas: strata.map(() => 0), warnings };
    const all = new Float64Array(total);
    let at = 0;
    for (const stratum of strata) {
      all.set(stratum.keys, at);
      at += stratum.keys.length;
    }
    const threshold = all.sort()[take - 1] as number;
    const quotas = strata.map(s => lowerBound(s.keys, threshold));
    // Clips whose key equals the threshold: the first (take - below) of them by clip id are in.
    const tied: { id: string; stratum: number }[] = [];
    strata.forEach((s, i) => {
      const end = upperBound(s.keys, threshold);
      for (let at = quotas[i] as number; at < end; at++) tied.push({ id: s.idAt(at), stratum: i });
    });
    tied.sort((a, b) => compareCodePoints(a.id, b.id));
    const below = quotas.reduce((n, q) => n + q, 0);
    for (const { stratum } of tied.slice(0, take - below)) quotas[stratum] = (quotas[stratum] as number) + 1;
    return { quotas, warnings };
  },
} satisfies SizeStrategy<CountSpec & { readonly strategy: 'count' }>;

/** Index of the first key >= value in ascending keys. */
function lowerBound(keys: Float64Array, value: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keys[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first key > value in ascending keys. */
function upperBound(keys: Float64Array, value: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keys[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Shares `total` across strata in proportion to their sizes by largest remainder: each gets the floor of
 * its exact share, and the clips left over go one each to the largest remainders, ties to the stratum that
 * comes first (strata arrive sorted by split, then class name).
 */
export function largestRemainder(total: number, sizes: readonly number[]): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0) return sizes.map(() => 0);
  // Exact integer arithmetic: share_i = total * size_i / sum = floor + remainder / sum.
  const floors = sizes.map(size => Math.floor((total * size) / sum));
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
export const stratifiedCount = {
  ...countParts,
  name: 'stratified-count',
  flags: [{ flag: '--stratified', help: 'with --count, share N across classes in proportion to their size' }],
  fields: { stratified: flag.default(false) },
  specOf: o => (o.count === undefined || o.stratified !== true ? undefined : countSpec('stratified-count', o)),
  check(o, problem) {
    if (o.stratified === true && o.count === undefined)
      problem('stratified', 'needs --count (it shares --count N across classes)');
  },
  needsLabels: '--stratified',
  choose(
    strata: readonly RankedStratum[],
    spec: CountSpec & { readonly strategy: 'stratified-count' },
  ): StrategyResult {
    const sizes = strata.map(knownSize);
    const { take, warnings } = countToTake(
      spec,
      sizes.reduce((a, b) => a + b, 0),
    );
    return { quotas: largestRemainder(take, sizes), warnings };
  },
} satisfies SizeStrategy<CountSpec & { readonly strategy: 'stratified-count' }>;
