import { compareCodePoints, compareNullable } from '../clip.js';
import { entryOf } from '../map-entry.js';
import { SKIP_KINDS } from '../scan/file-kinds.js';
import { countSkip, emptySkipCounts, type ScanProblem, type SkipCounts } from '../scan/folder-scan.js';
import { Tally } from './tally.js';

/** One clip id found more than once: the copy kept and the ones dropped. */
export interface Duplicate {
  readonly split: string | null;
  readonly label: string | null;
  readonly clipId: string;
  readonly kept: string;
  readonly dropped: string[];
}

/**
 * Everything known about one split of a source (or the files of none). A source is kept split by split so
 * that `--split X` means the same whether the walk read only X or an index of every split is filtered.
 */
export interface SourcePart {
  readonly split: string | null;
  readonly classes: Set<string>;
  readonly skipped: SkipCounts;
  readonly problems: ScanProblem[];
  readonly duplicates: Duplicate[];
  readonly tally: Tally;
  /** Class-tree folders whose name disagrees with the annotation's label: count and examples. */
  readonly disagreements: { count: number; examples: string[] };
  /** Class folders whose names are not in Unicode NFC (their labels and clip ids are made NFC). */
  readonly notNfc: string[];
}

export function emptyPart(split: string | null): SourcePart {
  return {
    split,
    classes: new Set(),
    skipped: emptySkipCounts(),
    problems: [],
    duplicates: [],
    tally: new Tally(),
    disagreements: { count: 0, examples: [] },
    notNfc: [],
  };
}

/** Parts by split, made on first use. */
export class Parts {
  private readonly bySplit = new Map<string | null, SourcePart>();

  of(split: string | null): SourcePart {
    return entryOf(this.bySplit, split, () => emptyPart(split));
  }

  all(): SourcePart[] {
    return [...this.bySplit.values()].sort((a, b) => compareNullable(a.split, b.split));
  }
}

/** One part that sums several: what a source reports when more than one split is read. */
export function mergeParts(parts: readonly SourcePart[]): SourcePart {
  const merged = emptyPart(null);
  for (const part of parts) {
    for (const label of part.classes) merged.classes.add(label);
    for (const kind of SKIP_KINDS) merged.skipped[kind] += part.skipped[kind];
    if (part.skipped.non_utf8 !== undefined) countSkip(merged.skipped, 'non_utf8', part.skipped.non_utf8);
    // Loops, not push(...): a part may hold more problems or duplicates than a call's arguments.
    for (const problem of part.problems) merged.problems.push(problem);
    for (const duplicate of part.duplicates) merged.duplicates.push(duplicate);
    merged.tally.merge(part.tally);
    merged.disagreements.count += part.disagreements.count;
    merged.disagreements.examples.push(...part.disagreements.examples);
    for (const name of part.notNfc) merged.notNfc.push(name);
  }
  merged.problems.sort((a, b) => compareCodePoints(a.path, b.path));
  merged.notNfc.sort(compareCodePoints);
  merged.duplicates.sort((a, b) => compareCodePoints(a.kept, b.kept));
  merged.disagreements.examples.sort(compareCodePoints).splice(20);
  return merged;
}
