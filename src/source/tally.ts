import { compareCodePoints } from '../clip.js';
import { entryOf } from '../map-entry.js';

/** What reconciling files against annotations counts, in the order the report lists them. */
export const TALLY_KEYS = [
  'annotated',
  'files',
  'matched',
  'missing',
  'unannotated',
  'zero_byte',
  'corrupt',
  'duplicates',
  'junk',
  'unexpected_ext',
] as const;
export type TallyKey = (typeof TALLY_KEYS)[number];
export type TallyCounts = Record<TallyKey, number>;

/** Categories that keep examples (clip ids for `missing`, paths for the rest). */
export const EXAMPLE_KEYS = [
  'missing',
  'unannotated',
  'zero_byte',
  'corrupt',
  'duplicates',
  'junk',
  'unexpected_ext',
] as const;
export type ExampleKey = (typeof EXAMPLE_KEYS)[number];

/** How many examples of each category a report lists: the first in code-point order. */
export const MAX_EXAMPLES = 20;

/** Counts of annotation categories only mean something when annotations were read. */
const ANNOTATION_KEYS: ReadonlySet<TallyKey> = new Set(['annotated', 'matched', 'missing', 'unannotated']);

export function zeroCounts(): TallyCounts {
  return Object.fromEntries(TALLY_KEYS.map(key => [key, 0])) as TallyCounts;
}

/**
 * Reconciliation counts, in total and per class, with a few examples of each finding. Examples are kept
 * as the first MAX_EXAMPLES in code-point order, so they do not depend on the order files were found in,
 * and two tallies merge into exactly the tally of everything.
 */
export class Tally {
  readonly totals = zeroCounts();
  readonly classes = new Map<string, TallyCounts>();
  readonly examples = Object.fromEntries(EXAMPLE_KEYS.map(key => [key, [] as string[]])) as Record<
    ExampleKey,
    string[]
  >;

  count(key: TallyKey, label: string | null, example?: string, times = 1): void {
    this.totals[key] += times;
    if (label !== null) this.countsOf(label)[key] += times;
    if (example !== undefined && (EXAMPLE_KEYS as readonly string[]).includes(key))
      keepExample(this.examples[key as ExampleKey], example);
  }

  merge(other: Tally): this {
    for (const key of TALLY_KEYS) this.totals[key] += other.totals[key];
    for (const [label, counts] of other.classes) {
      const mine = this.countsOf(label);
      for (const key of TALLY_KEYS) mine[key] += counts[key];
    }
    for (const key of EXAMPLE_KEYS) for (const example of other.examples[key]) keepExample(this.examples[key], example);
    return this;
  }

  private countsOf(label: string): TallyCounts {
    return entryOf(this.classes, label, zeroCounts);
  }

  /** The `--report` JSON: annotation counts are null when no annotations were read. */
  toReport(annotations: boolean): Record<string, unknown> {
    const shown = (counts: TallyCounts): Record<string, number | null> =>
      Object.fromEntries(TALLY_KEYS.map(key => [key, !annotations && ANNOTATION_KEYS.has(key) ? null : counts[key]]));
    const labels = [...this.classes.keys()].sort(compareCodePoints);
    return {
      totals: shown(this.totals),
      classes: Object.fromEntries(labels.map(label => [label, shown(this.classes.get(label) as TallyCounts)])),
      examples: Object.fromEntries(
        EXAMPLE_KEYS.filter(key => annotations || !ANNOTATION_KEYS.has(key)).map(key => [key, [...this.examples[key]]]),
      ),
    };
  }
}

function keepExample(examples: string[], example: string): void {
  if (examples.length >= MAX_EXAMPLES && compareCodePoints(example, examples[examples.length - 1] as string) >= 0)
    return;
  let at = examples.length;
  while (at > 0 && compareCodePoints(example, examples[at - 1] as string) < 0) at -= 1;
  if (examples[at] === example || examples[at - 1] === example) return;
  examples.splice(at, 0, example);
  if (examples.length > MAX_EXAMPLES) examples.pop();
}
