import type { Clip } from '../clip.js';
import { compareCodePoints } from '../clip.js';
import { ContentFingerprint } from '../scan/fingerprint.js';
import { clipKey, DEFAULT_SEED } from '../select/clip-key.js';
import { ClipList, type ClipRows, clipsOf, RowSubset } from '../select/clip-rows.js';
import { dropDuplicateRows } from './duplicates.js';
import { mergeParts, type Parts, type SourcePart } from './part.js';
import { chooseSplitNames } from './split-choice.js';

/**
 * How a dataset root is organised; the summary and the provenance name it. A loader added later may name a
 * layout of its own (any string), without an edit here; these are the built-in loaders' names.
 */
export type Layout =
  | 'class-tree'
  | 'split-class-tree'
  | 'cvdf'
  | 'flat+annotations'
  | 'class-tree+annotations'
  | 'split-class-tree+annotations'
  | 'annotations'
  | (string & Record<never, never>);

/** A dataset as read: every clip with its identity, and everything the summary and provenance report. */
export interface Source {
  /** The root exactly as the user gave it: recorded in the provenance, never made absolute. */
  readonly given: string;
  /** The root as an absolute path, for reading files. */
  readonly root: string;
  readonly layout: Layout;
  /** The index file it was read from, as given, or null when the root was walked. */
  readonly index: string | null;
  /** Whether every clip's header was probed (`--probe`, or an index made with it). */
  readonly probed: boolean;
  /** Annotation CSVs read, as given (or found, for the CVDF layout: relative to the root). */
  readonly annotations: readonly string[];
  /** Annotation files without a label column whose clips are in `clips`. */
  readonly unlabeled: readonly string[];
  /** Splits read, in code-point order. */
  readonly splits: readonly string[];
  /**
   * Every class of the source in code-point order, whatever `--split` says: the basis of label_index, so a
   * class missing from one split keeps its index (rule v2: one label space for every split).
   */
  readonly classes: readonly string[];
  /**
   * One row per (split, clip id), in no particular order. Zero-byte clips are here, never selected. What
   * selection reads: a clip is a row number, and only the rows a slice selects become Clip objects.
   */
  readonly table: ClipRows;
  /** The rows as Clip objects, made on first use: for commands that want every clip (scan, stats). */
  readonly clips: readonly Clip[];
  /** What the parts read report, summed. */
  readonly report: SourcePart;
  /** Split by split, for an index. */
  readonly parts: readonly SourcePart[];
  /** See fingerprint.ts. */
  readonly fingerprint: string;
  /** A clip's selection key for `seed`, for callers that hold Clip objects (selection reads the table's keys). */
  keyOf(seed: string): (clip: Clip) => number;
  /** How a part of it is fingerprinted, when not by clip id and size (a source of annotation rows alone). */
  readonly fingerprintOf?: ((clips: readonly Clip[]) => string) | undefined;
}

export interface SourceInput {
  readonly given: string;
  readonly root: string;
  readonly layout: Layout;
  readonly index?: string | undefined;
  readonly probed?: boolean | undefined;
  readonly annotations?: readonly string[];
  readonly unlabeled?: readonly string[];
  /**
   * The clips: the table the loader filled (its keys, and what it knows of duplicates and the fingerprint,
   * travel with it), or clips already made, which are kept as a ClipList with keys for `seed`.
   */
  readonly clips: ClipRows | readonly Clip[];
  readonly parts: Parts;
  /** Keep only this split. */
  readonly split?: string | undefined;
  /** The seed that will select: clips given as a list have their keys hashed for it. Default: 0. */
  readonly seed?: string | undefined;
  /** See Source.fingerprintOf. */
  readonly fingerprintOf?: ((clips: readonly Clip[]) => string) | undefined;
  /** Classes of splits not read (a walk or an index of some splits): they still take a label_index. */
  readonly labelSpace?: readonly string[] | undefined;
}

/** Turns what a loader found into a Source: drops duplicates, sums the parts, keeps the split asked for. */
export function assembleSource(input: SourceInput): Source {
  const given = rowsOf(input.clips, input.seed ?? DEFAULT_SEED);
  const { table, duplicates, dropped } = given.unique
    ? { table: given, duplicates: [], dropped: [] }
    : dropDuplicateRows(given);
  for (const duplicate of duplicates) {
    const part = input.parts.of(duplicate.split);
    part.duplicates.push(duplicate);
    for (const path of duplicate.dropped) part.tally.count('duplicates', duplicate.label, path);
  }
  const known = given.fingerprint;
  let fingerprint: string;
  if (typeof known === 'string') fingerprint = known;
  else if (known === undefined) fingerprint = fingerprintOfRows(table).digest();
  else {
    for (const clip of dropped) known.remove(clip.clipId, clip.sizeBytes);
    fingerprint = known.digest();
  }
  const parts = input.parts.all();
  const { report, splits, classes } = summed(parts);
  const labelSpace = new Set([...classes, ...(input.labelSpace ?? [])]);
  const whole = sourceOf({
    given: input.given,
    root: input.root,
    layout: input.layout,
    index: input.index ?? null,
    probed: input.probed ?? false,
    annotations: input.annotations ?? [],
    unlabeled: input.unlabeled ?? [],
    table,
    parts,
    fingerprint,
    keyOf: seed => clip => clipKey(seed, clip.clipId),
    fingerprintOf: input.fingerprintOf,
    report,
    splits,
    classes: labelSpace.size > classes.length ? [...labelSpace].sort(compareCodePoints) : classes,
  });
  return restrictSource(whole, input.split);
}

function rowsOf(clips: ClipRows | readonly Clip[], seed: string): ClipRows {
  return Array.isArray(clips) ? new ClipList(clips as readonly Clip[], seed) : (clips as ClipRows);
}

/**
 * A Source from its fields and its table. Its `clips` are made from the table on first use, and kept: the
 * slice pipeline never asks (selection reads the table), commands that want objects (scan, stats) do.
 */
export function sourceOf(fields: Omit<Source, 'clips'>): Source {
  let clips: readonly Clip[] | undefined;
  return Object.defineProperty({ ...fields }, 'clips', {
    enumerable: true,
    get: (): readonly Clip[] => {
      clips ??= clipsOf(fields.table);
      return clips;
    },
  }) as Source;
}

function summed(parts: readonly SourcePart[]): Pick<Source, 'report' | 'splits' | 'classes'> {
  const report = mergeParts(parts);
  return {
    report,
    splits: parts.flatMap(p => (p.split === null ? [] : [p.split])).sort(compareCodePoints),
    classes: [...report.classes].sort(compareCodePoints),
  };
}

function fingerprintOfRows(table: ClipRows): ContentFingerprint {
  const fingerprint = new ContentFingerprint();
  for (let row = 0; row < table.rows; row++) {
    const clip = table.look(row);
    fingerprint.add(clip.clipId, clip.sizeBytes);
  }
  return fingerprint;
}

/**
 * The part of a source that is one split: what `--split X` reads. It equals what a walk of only that split
 * finds, so a root, an index and a run config that share one walk all agree.
 */
export function restrictSource(source: Source, split: string | undefined): Source {
  if (split === undefined) return source;
  const splits = source.parts.flatMap(p => (p.split === null ? [] : [p.split]));
  const chosen = new Set(chooseSplitNames(split, splits, 'split in this source'));
  if (source.parts.every(p => p.split !== null && chosen.has(p.split))) return source;
  const parts = source.parts.filter(p => p.split !== null && chosen.has(p.split));
  const whole = source.table;
  const inSplit = whole.groups.map(g => g.split !== null && chosen.has(g.split));
  const picked: number[] = [];
  for (let row = 0; row < whole.rows; row++) if (inSplit[whole.groupOf[row] as number]) picked.push(row);
  const table = new RowSubset(whole, Uint32Array.from(picked));
  const fingerprint = source.fingerprintOf?.(clipsOf(table)) ?? fingerprintOfRows(table).digest();
  return sourceOf({
    given: source.given,
    root: source.root,
    layout: source.layout,
    index: source.index,
    probed: source.probed,
    annotations: source.annotations,
    unlabeled: source.unlabeled,
    table,
    parts,
    fingerprint,
    keyOf: source.keyOf,
    fingerprintOf: source.fingerprintOf,
    ...summed(parts),
    classes: source.classes,
  });
}
