import { knownSize, stratumName } from '../keyed.js';
import type { SizeStrategy } from './types.js';

/** `--per-class N`: N clips of every class; a class with fewer is kept whole and named in a warning. */
export const perClass: SizeStrategy<{ strategy: 'per-class'; perClass: number }> = {
  name: 'per-class',
  choose(strata, spec) {
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
};
