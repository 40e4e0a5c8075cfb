import type { Stratum } from '../keyed.js';
import type { Percent } from '../percent.js';

/** The size strategy of a slice, after option parsing: at most one per slice. */
export type SizeSpec =
  | { readonly strategy: 'all' }
  | { readonly strategy: 'percent'; readonly percent: Percent; readonly minPerClass: number }
  | { readonly strategy: 'per-class'; readonly perClass: number }
  | { readonly strategy: 'count'; readonly count: number; readonly allowFewer: boolean }
  | { readonly strategy: 'stratified-count'; readonly count: number; readonly allowFewer: boolean };

export type StrategyName = SizeSpec['strategy'];

export interface StrategyResult {
  /**
   * How many clips each stratum keeps, aligned with the strata given: always its first ones. A quota may
   * pass the stratum's usable clips when it counts known ones (see Stratum.known); applyStrategy caps it.
   */
  readonly quotas: number[];
  /** Things the user should know (classes kept whole, fewer clips than asked). */
  readonly warnings: string[];
}

/**
 * A size strategy: given the eligible clips grouped into strata (each in selection order), say how many of
 * each to keep. Every strategy keeps a prefix of each stratum's selection order, which is what makes slices
 * nested across sizes and stable when clips vanish.
 */
export interface SizeStrategy<S extends SizeSpec> {
  readonly name: S['strategy'];
  choose(strata: readonly Stratum[], spec: S): StrategyResult;
}
