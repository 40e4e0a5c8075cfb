import type { Clip } from '../clip.js';
import { compareCodePoints } from '../clip.js';
import { TableClip } from '../scan/clip-table.js';
import { ContentFingerprint } from '../scan/fingerprint.js';
import { clipKey, DEFAULT_SEED } from '../select/clip-key.js';
import { dropDuplicates } from './duplicates.js';
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
  /** One clip per (split, clip id), in no particular order. Zero-byte clips are here, never selected. */
  readonly clips: readonly Clip[];
  /** What the parts read report, summed. */
  readonly report: SourcePart;
  /** Split by split, for an index. */
  readonly parts: readonly SourcePart[];
  /** See fingerprint.ts. */
  readonly fingerprint: string;
  /** How to get a clip's selection key for `seed`: reuses keys hashed during the scan when seeds match. */
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
  readonly clips: readonly Clip[];
  readonly parts: Parts;
  /** Keep only this split. */
  readonly split?: string | undefined;
  /** Selection keys hashed by the scan for `keySeed`, aligned with `clips` (a walk's TableClips carry theirs too). */
  readonly keys?: Float64Array | undefined;
  readonly keySeed?: string | undefined;
  /** Fingerprint sums made by the scan over `clips`; computed here when absent. */
  readonly fingerprint?: ContentFingerprint | undefined;
  /** The clips are known to be one per (split, clip id) and `fingerprintDigest` theirs (an index). */
  readonly unique?: boolean | undefined;
  readonly fingerprintDigest?: string | undefined;
  /** See Source.fingerprintOf. */
  readonly fingerprintOf?: ((clips: readonly Clip[]) => string) | undefined;
  /** Classes of splits not read (a walk or an index of some splits): they still take a label_index. */
  readonly labelSpace?: readonly string[] | undefined;
}

/** Turns what a loader found into a Source: drops duplicates, sums the parts, keeps the split asked for. */
export function assembleSource(input: SourceInput): Source {
  const { clips, keys } = input;
  const keySeed = input.keySeed ?? DEFAULT_SEED;
  const {
    clips: unique,
    duplicates,
    dropped,
  } = input.unique === true
    ? { clips, duplicates: [], dropped: [] }
    : dropDuplicates(clips, keys ?? Float64Array.from(clips, clip => clipKey(keySeed, clip.clipId)));
  for (const duplicate of duplicates) {
    const part = input.parts.of(duplicate.split);
    part.duplicates.push(duplicate);
    for (const path of duplicate.dropped) part.tally.count('duplicates', duplicate.label, path);
  }
  let fingerprint = input.fingerprint;
  if (fingerprint === undefined && input.fingerprintDigest === undefined) fingerprint = fingerprintOf(unique);
  else for (const clip of dropped) fingerprint?.remove(clip.clipId, clip.sizeBytes);
  const parts = input.parts.all();
  let whole: Source = {
    given: input.given,
    root: input.root,
    layout: input.layout,
    index: input.index ?? null,
    probed: input.probed ?? false,
    annotations: input.annotations ?? [],
    unlabeled: input.unlabeled ?? [],
    clips: unique,
    parts,
    fingerprint: fingerprint?.digest() ?? (input.fingerprintDigest as string),
    keyOf: seed => clip => (clip instanceof TableClip ? clip.keyFor(seed) : undefined) ?? clipKey(seed, clip.clipId),
    fingerprintOf: input.fingerprintOf,
    ...summed(parts),
  };
  const classes = new Set([...whole.classes, ...(input.labelSpace ?? [])]);
  if (classes.size > whole.classes.length) whole = { ...whole, classes: [...classes].sort(compareCodePoints) };
  return restrictSource(whole, input.split);
}

function summed(parts: readonly SourcePart[]): Pick<Source, 'report' | 'splits' | 'classes'> {
  const report = mergeParts(parts);
  return {
    report,
    splits: parts.flatMap(p => (p.split === null ? [] : [p.split])).sort(compareCodePoints),
    classes: [...report.classes].sort(compareCodePoints),
  };
}

function fingerprintOf(clips: readonly Clip[]): ContentFingerprint {
  const fingerprint = new ContentFingerprint();
  for (const clip of clips) fingerprint.add(clip.clipId, clip.sizeBytes);
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
  const clips = source.clips.filter(clip => clip.split !== null && chosen.has(clip.split));
  const fingerprint = source.fingerprintOf?.(clips) ?? fingerprintOf(clips).digest();
  return { ...source, parts, clips, fingerprint, ...summed(parts), classes: source.classes };
}
