import type { Stratum } from '../keyed.js';
import { allClips } from './all.js';
import { count, stratifiedCount } from './count.js';
import { perClass } from './per-class.js';
import { percentPerClass } from './percent-per-class.js';
import type { SizeSpec, SizeStrategy, StrategyName, StrategyResult } from './types.js';

/** Every size strategy, by name. Adding one is a file and a line here. */
export const strategies: { readonly [K in StrategyName]: SizeStrategy<Extract<SizeSpec, { strategy: K }>> } = {
  all: allClips,
  percent: percentPerClass,
  'per-class': perClass,
  count,
  'stratified-count': stratifiedCount,
};

export function applyStrategy(strata: readonly Stratum[], spec: SizeSpec): StrategyResult {
  const strategy = strategies[spec.strategy] as SizeStrategy<SizeSpec>;
  return strategy.choose(strata, spec);
}

export type { SizeSpec, StrategyName, StrategyResult } from './types.js';
