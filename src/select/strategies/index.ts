import { type Stratum, stratumName } from '../keyed.js';
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

/** A class whose usable files cannot fill the quota its known clips give it: it gives what it has. */
export interface ShortClass {
  readonly split: string | null;
  readonly label: string | null;
  readonly quota: number;
  readonly usable: number;
}

export function applyStrategy(
  strata: readonly Stratum[],
  spec: SizeSpec,
): StrategyResult & { readonly short: ShortClass[] } {
  const strategy = strategies[spec.strategy] as SizeStrategy<SizeSpec>;
  const chosen = strategy.choose(strata, spec);
  const short: ShortClass[] = [];
  const quotas = chosen.quotas.map((quota, i) => {
    const stratum = strata[i] as Stratum;
    if (quota <= stratum.clips.length) return quota;
    short.push({ split: stratum.split, label: stratum.label, quota, usable: stratum.clips.length });
    return stratum.clips.length;
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

export type { SizeSpec, StrategyName, StrategyResult } from './types.js';
