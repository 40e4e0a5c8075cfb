import type * as z from 'zod';
import type { RankedStratum } from '../keyed.js';

export interface StrategyResult {
  /**
   * How many clips each stratum keeps, aligned with the strata given: always its first ones. A quota may
   * pass the stratum's usable clips when it counts known ones (see Stratum.known); applyStrategy caps it.
   */
  readonly quotas: number[];
  /** Things the user should know (classes kept whole, fewer clips than asked). */
  readonly warnings: string[];
}

/** A size strategy's spec after option parsing: its name and its parameters. */
export interface Spec {
  readonly strategy: string;
}

/** A slice's parsed options as a strategy reads them: its own fields, by their camelCase keys. */
export type ParsedOptions = Readonly<Record<string, unknown>>;

/** A flag of a strategy, as commander spells and explains it; its value is parsed by the record's `fields`. */
export interface StrategyFlag {
  /** `--percent <P>`, `--stratified`. */
  readonly flag: string;
  readonly help: string;
}

/**
 * A size strategy: given the eligible clips grouped into strata (each in selection order), say how many of
 * each to keep. Every strategy keeps a prefix of each stratum's selection order, which is what makes slices
 * nested across sizes and stable when clips vanish.
 *
 * The record carries everything else that is decided about it, so that adding one is a file here and a line in
 * index.ts: its flags and their parsing (zod fields, shared by the command line and run configs), which
 * options choose it, its checks, its provenance entry, whether it needs labels and whether SQL can express it.
 */
export interface SizeStrategy<S extends Spec, F extends Record<string, z.ZodType> = Record<string, z.ZodType>> {
  readonly name: S['strategy'];
  /** Its flags, in --help order. */
  readonly flags: readonly StrategyFlag[];
  /** The schema fields of its flags, by camelCase key: every value optional (or defaulted). */
  readonly fields: F;
  /** The option that chooses it, when that option is its own: `choose one size strategy` names these. */
  readonly selector?: { readonly key: string; readonly flag: string };
  /** Its spec when the options choose it, else undefined. */
  specOf(options: ParsedOptions): S | undefined;
  /** Options of its own given without what they need (`--min-per-class` without `--percent`). */
  check?(options: ParsedOptions, problem: (key: string, message: string) => void): void;
  /** The flag a "needs class labels" error names, or null when it works on every clip at once. */
  readonly needsLabels: string | null;
  /** False when `k400-slice sql` and `--engine duckdb` cannot express it: the JavaScript engine slices. */
  readonly sql: boolean;
  /** How messages name it (`--percent 10`) and its entry in the provenance's options (golden bytes). */
  describe(spec: S): { readonly flag: string; readonly options: Record<string, unknown> };
  choose(strata: readonly RankedStratum[], spec: S): StrategyResult;
}
