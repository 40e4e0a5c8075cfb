import { positiveInteger } from '../../options/fields.js';
import { knownSize, stratumName } from '../keyed.js';
import type { SizeStrategy } from './types.js';

type PerClassSpec = { readonly strategy: 'per-class'; readonly perClass: number };

/** `--per-class N`: N clips of every class; a class with fewer is kept whole and named in a warning. */
export const perClass = {
  name: 'per-class',
  flags: [{ flag: '--per-class <N>', help: 'keep N clips of every class (all of a smaller class)' }],
  fields: { perClass: positiveInteger('--per-class 50').optional() },
  selector: { key: 'perClass', flag: '--per-class' },
  specOf: o => (o.perClass === undefined ? undefined : { strategy: 'per-class', perClass: o.perClass as number }),
  needsLabels: '--per-class',
  sql: true,
  describe: spec => ({
    flag: `--per-class ${spec.perClass}`,
    options: { strategy: 'per-class', per_class: spec.perClass },
  }),
  choose(strata, spec: PerClassSpec) {
    const short = strata.filter(s => knownSize(s) < spec.perClass);
    const warnings =
      short.length === 0
        ? []
        : [
            `${short.length} ${short.length === 1 ? 'class has' : 'classes have'} fewer than ${spec.perClass} clips ` +
              `and ${short.length === 1 ? 'is' : 'are'} kept whole: ` +
              short.map(s => `${stratumName(s)} (${knownSize(s)})`).join(', '),
          ];
    return { quotas: strata.map(s => Math.min(knownSize(s), spec.perClass)), warnings };
  },
} satisfies SizeStrategy<PerClassSpec>;
