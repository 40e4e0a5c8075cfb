import { knownSize } from '../keyed.js';
import { type Percent, percentOf } from '../percent.js';
import type { SizeStrategy } from './types.js';

/** k = min(n, max(m, round_half_up(n * P / 100))), m = --min-per-class. */
export function percentQuota(n: number, percent: Percent, minPerClass: number): number {
  return Math.min(n, Math.max(minPerClass, percentOf(n, percent)));
}

/** `--percent P`: the same share of every class. */
export const percentPerClass: SizeStrategy<{ strategy: 'percent'; percent: Percent; minPerClass: number }> = {
  name: 'percent',
  choose: (strata, spec) => ({
    quotas: strata.map(s => percentQuota(knownSize(s), spec.percent, spec.minPerClass)),
    warnings: [],
  }),
};
