import type { SizeSpec } from '../select/strategies/index.js';

/** How a size strategy is named in messages and recorded in the provenance's options. */
export function describeSize(size: SizeSpec): { flag: string; options: Record<string, unknown> } {
  switch (size.strategy) {
    case 'all':
      return { flag: 'no size strategy', options: { strategy: 'all' } };
    case 'percent':
      return {
        flag: `--percent ${size.percent.text}`,
        options: { strategy: 'percent', percent: size.percent.text, min_per_class: size.minPerClass },
      };
    case 'per-class':
      return { flag: `--per-class ${size.perClass}`, options: { strategy: 'per-class', per_class: size.perClass } };
    case 'count':
    case 'stratified-count':
      return {
        flag: `--count ${size.count}`,
        options: { strategy: size.strategy, count: size.count, allow_fewer: size.allowFewer },
      };
  }
}
