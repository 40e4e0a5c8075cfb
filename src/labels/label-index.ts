import { DatasetError, UsageError } from '../errors.js';
import { grouped } from '../grouped.js';
import type { NameEntry } from './name-list.js';
import { ClassMatcher } from './spellings.js';

/**
 * Class -> label_index. By default the position of the class in the code-point-sorted list of every class of
 * the source (torchvision's `find_classes`), so indices agree across slices of one source.
 */
export interface LabelIndexing {
  /** How the indices were made, for the provenance. */
  readonly scheme: 'source' | 'relabel' | 'label-map';
  /** The label space: every class with an index, in index order. */
  readonly classes: readonly { readonly label: string; readonly index: number }[];
  indexOf(label: string | null): number | null;
}

function fromPairs(scheme: LabelIndexing['scheme'], pairs: { label: string; index: number }[]): LabelIndexing {
  const byLabel = new Map(pairs.map(p => [p.label, p.index]));
  const classes = [...pairs].sort((a, b) => a.index - b.index);
  return { scheme, classes, indexOf: label => (label === null ? null : (byLabel.get(label) ?? null)) };
}

/** `sortedClasses` must already be in code-point order. */
export function sourceIndexing(sortedClasses: readonly string[]): LabelIndexing {
  return fromPairs(
    'source',
    sortedClasses.map((label, index) => ({ label, index })),
  );
}

/** `--relabel`: the selected classes renumbered 0..k-1 in code-point order. */
export function relabelIndexing(sortedSelected: readonly string[]): LabelIndexing {
  return { ...sourceIndexing(sortedSelected), scheme: 'relabel' };
}

/**
 * `--label-map F`: indices from a list (its line order, or the ids of an `id,name` CSV). Names in the map
 * may use any spelling; map entries the source does not have are ignored; a selected class missing from the
 * map is an error.
 */
export function mapIndexing(
  entries: readonly NameEntry[],
  sourceClasses: readonly string[],
  selected: readonly string[],
  file: string,
): LabelIndexing {
  const matcher = new ClassMatcher(sourceClasses);
  const pairs: { label: string; index: number }[] = [];
  const seenIndex = new Map<number, string>();
  const seenLabel = new Set<string>();
  entries.forEach((entry, position) => {
    const index = entry.id ?? position;
    const previous = seenIndex.get(index);
    if (previous !== undefined) {
      throw new DatasetError(
        `--label-map ${file}: index ${index} is given to both '${previous}' and '${entry.name}' (line ${entry.line})`,
        'give every class its own index',
      );
    }
    seenIndex.set(index, entry.name);
    const label = matcher.find(entry.name, '--label-map');
    if (label === undefined) return;
    if (seenLabel.has(label)) {
      throw new DatasetError(
        `--label-map ${file}: class '${label}' is listed twice (line ${entry.line})`,
        'list every class once',
      );
    }
    seenLabel.add(label);
    pairs.push({ label, index });
  });
  const missing = selected.filter(label => !seenLabel.has(label));
  if (missing.length > 0) {
    const shown = missing
      .slice(0, 5)
      .map(m => `'${m}'`)
      .join(', ');
    const are = missing.length === 1 ? 'class is' : 'classes are';
    throw new UsageError(
      `--label-map ${file}: ${grouped(missing.length)} selected ${are} not in the map: ` +
        `${shown}${missing.length > 5 ? ', ...' : ''}`,
      'add them to the map, or leave them out with --exclude-classes',
    );
  }
  return fromPairs('label-map', pairs);
}
