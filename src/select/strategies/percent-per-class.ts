import { nonNegativeInteger, percentField } from '../../options/fields.js';
import { knownSize } from '../keyed.js';
import { type Percent, percentOf } from '../percent.js';
import type { SizeStrategy } from './types.js';

type PercentSpec = { readonly strategy: 'percent'; readonly percent: Percent; readonly minPerClass: number };

/** k = min(n, max(m, round_half_up(n * P / 100))), m = --min-per-class. */
export function percentQuota(n: number, percent: Percent, minPerClass: number): number {
  return Math.min(n, Math.max(minPerClass, percentOf(n, percent)));
}

/** `--percent P`: the same share of every class. */
export const percentPerClass = {
  name: 'percent',
  flags: [
    { flag: '--percent <P>', help: 'keep P% of every class, 0 < P <= 100, rounded half up' },
    { flag: '--min-per-class <m>', help: 'with --percent, keep at least m clips of every class (default: 1)' },
  ],
  fields: {
    percent: percentField.optional(),
    minPerClass: nonNegativeInteger('--min-per-class 2').optional(),
  },
  selector: { key: 'percent', flag: '--percent' },
  specOf: o =>
    o.percent === undefined
      ? undefined
      : { strategy: 'percent', percent: o.percent as Percent, minPerClass: (o.minPerClass as number | undefined) ?? 1 },
  check(o, problem) {
    if (o.minPerClass !== undefined && o.percent === undefined) problem('minPerClass', 'only applies to --percent');
  },
  needsLabels: '--percent',
  sql: true,
  describe: spec => ({
    flag: `--percent ${spec.percent.text}`,
    options: { strategy: 'percent', percent: spec.percent.text, min_per_class: spec.minPerClass },
  }),
  choose: (strata, spec: PercentSpec) => ({
    quotas: strata.map(s => percentQuota(knownSize(s), spec.percent, spec.minPerClass)),
    warnings: [],
  }),
} satisfies SizeStrategy<PercentSpec>;
