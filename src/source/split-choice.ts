import { normalizeSplit } from '../annotations/split-names.js';
import { UsageError } from '../errors.js';
import { closestNames } from '../labels/closest.js';

/**
 * The splits `--split` names among those a source has: a comma-separated list (`train,val`), each name
 * matching a split as written or as its canonical name (`validate` is the split `val`, in either place).
 * An unknown name is an error that lists the splits.
 */
export function chooseSplitNames(
  wanted: string,
  available: readonly string[],
  what: 'split folder' | 'split in this source',
): string[] {
  const chosen = new Set<string>();
  for (const name of wanted.split(',').map(n => n.trim())) {
    if (name === '')
      throw new UsageError(
        `--split '${wanted}': a split name is empty`,
        'name splits separated by commas, such as --split train,val',
      );
    const matches = available.filter(split => split === name || normalizeSplit(split) === normalizeSplit(name));
    if (matches.length === 0) {
      const near = closestNames(name, available);
      throw new UsageError(
        `--split ${name}: no such ${what}`,
        available.length === 0
          ? 'drop --split: this source has no splits'
          : `the splits are: ${available.join(', ')}${near.length > 0 ? `; did you mean ${near[0]}?` : ''}`,
      );
    }
    for (const split of matches) chosen.add(split);
  }
  return available.filter(split => chosen.has(split));
}
