import { type Spec, strategyOf } from '../select/strategies/index.js';

/** How a size strategy is named in messages and recorded in the provenance's options: from its record. */
export function describeSize(size: Spec): { flag: string; options: Record<string, unknown> } {
  return strategyOf(size).describe(size);
}
