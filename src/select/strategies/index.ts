import { type RankedStratum, stratumName } from '../keyed.js';
import { allClips } from './all.js';
import { count, stratifiedCount } from './count.js';
import { perClass } from './per-class.js';
import { percentPerClass } from './percent-per-class.js';
import type { ParsedOptions, SizeStrategy, Spec, StrategyFlag, StrategyResult } from './types.js';

/**
 * Every size strategy, by name: adding one is a file here and a line below. Its flags, their parsing, its checks,
 * its provenance entry and its needs come from its record (types.ts), so the schema, --help and the messages
 * follow from this list.
 */
export const strategies = {
  all: allClips,
  percent: percentPerClass,
  'per-class': perClass,
  count,
  'stratified-count': stratifiedCount,
} as const;

type Registered = (typeof strategies)[keyof typeof strategies];
/** The size strategy of a slice, after option parsing: at most one per slice. */
export type SizeSpec = Parameters<Registered['choose']>[1];
export type StrategyName = SizeSpec['strategy'];
/** A record of any strategy, registered or not (a test's). */
export type AnyStrategy = SizeStrategy<Spec>;

/** The registered records, in --help order. */
export const strategyList: readonly AnyStrategy[] = Object.values(strategies) as AnyStrategy[];

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The schema fields of every strategy's flags, for the slice options schema (command line and run configs). */
export function strategyFields<R extends readonly AnyStrategy[]>(records: R): Intersection<R[number]['fields']> {
  return Object.assign({}, ...records.map(r => r.fields));
}

/** The registered strategies' fields, precisely typed: what `SliceOptions` holds of them. */
export const registeredFields = strategyFields(Object.values(strategies) as Registered[]);

/** Every strategy's flags, in --help order. */
export function strategyFlags(records: readonly AnyStrategy[] = strategyList): StrategyFlag[] {
  return records.flatMap(r => r.flags);
}

/** The strategy a slice's options choose: the first record whose options select it, else every clip. */
export function sizeSpecFrom(options: ParsedOptions, records: readonly AnyStrategy[] = strategyList): Spec {
  for (const record of records) {
    if (record.name === 'all') continue;
    const spec = record.specOf(options);
    if (spec !== undefined) return spec;
  }
  return { strategy: 'all' };
}

/** At most one strategy's own option, and each strategy's own checks: one problem a field. */
export function checkStrategies(
  options: ParsedOptions,
  problem: (key: string, message: string) => void,
  records: readonly AnyStrategy[] = strategyList,
): void {
  const selectors = [...new Map(records.flatMap(r => (r.selector ? [[r.selector.key, r.selector]] : []))).values()];
  const given = selectors.filter(s => options[s.key] !== undefined);
  if (given.length > 1) {
    const flags = selectors.map(s => s.flag);
    const choices = `${flags.slice(0, -1).join(', ')} or ${flags.at(-1)}`;
    problem(
      (given[1] as { key: string }).key,
      `cannot be combined with ${given[0]?.flag} (choose one size strategy: ${choices})`,
    );
  }
  for (const record of records) record.check?.(options, problem);
}

/** The record of a spec's strategy. */
export function strategyOf(spec: Spec, records: readonly AnyStrategy[] = strategyList): AnyStrategy {
  const record = records.find(r => r.name === spec.strategy);
  if (record === undefined) throw new Error(`no size strategy named '${spec.strategy}'`);
  return record;
}

/** A class whose usable files cannot fill the quota its known clips give it: it gives what it has. */
export interface ShortClass {
  readonly split: string | null;
  readonly label: string | null;
  readonly quota: number;
  readonly usable: number;
}

export function applyStrategy<S extends Spec>(
  strata: readonly RankedStratum[],
  spec: S,
  records: readonly AnyStrategy[] = strategyList,
): StrategyResult & { readonly short: ShortClass[] } {
  const chosen = strategyOf(spec, records).choose(strata, spec);
  const short: ShortClass[] = [];
  const quotas = chosen.quotas.map((quota, i) => {
    const stratum = strata[i] as RankedStratum;
    if (quota <= stratum.keys.length) return quota;
    short.push({ split: stratum.split, label: stratum.label, quota, usable: stratum.keys.length });
    return stratum.keys.length;
  });
  const warnings = [...chosen.warnings];
  if (short.length > 0) {
    const named = short.slice(0, 5).map(s => `${stratumName(s)} (${s.usable} of ${s.quota})`);
    const more = short.length > 5 ? ', ...' : '';
    const classes = short.length === 1 ? '1 class' : `${short.length} classes`;
    warnings.push(
      `${classes} short of the quota their annotated clips give, with every usable file taken: ` +
        `${named.join(', ')}${more} (all in --report)`,
    );
  }
  return { quotas, warnings, short };
}

export type { ParsedOptions, SizeStrategy, Spec, StrategyFlag, StrategyResult } from './types.js';
