import type { Clip } from '../clip.js';
import { compareCodePoints } from '../clip.js';
import { UsageError } from '../errors.js';
import { closestNames } from '../labels/closest.js';
import { clipKey, DEFAULT_SEED } from '../select/clip-key.js';
import { ContentFingerprint } from '../scan/fingerprint.js';
import { TreeClip } from '../scan/tree-clip.js';
import { dropDuplicates } from './duplicates.js';
import { mergeParts, type Parts, type SourcePart } from './part.js';

/** How a dataset root is organised; the summary and the provenance name it. */
export type Layout =
  | 'class-tree'
  | 'split-class-tree'
  | 'cvdf'
  | 'flat+annotations'
  | 'class-tree+annotations'
  | 'split-class-tree+annotations';

/** A dataset as read: every clip with its identity, and everything the summary and provenance report. */
export interface Source {
  /** The root exactly as the user gave it: recorded in the provenance, never made absolute. */
  readonly given: string;
  /** The root as an absolute path, for reading files. */
  readonly root: string;
  readonly layout: Layout;
  /** The index file it was read from, as given, or null when the root was walked. */
  readonly index: string | null;
  /** Annotation CSVs read, as given (or found, for the CVDF layout: relative to the root). */
  readonly annotations: readonly string[];
  /** Annotation files without a label column whose clips are in `clips`. */
  readonly unlabeled: readonly string[];
  /** Splits read, in code-point order. */
  readonly splits: readonly string[];
  /** Every class of the source in code-point order: the basis of label_index. */
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
}

export interface SourceInput {
  readonly given: string;
  readonly root: string;
  readonly layout: Layout;
  readonly index?: string | undefined;
  readonly annotations?: readonly string[];
  readonly unlabeled?: readonly string[];
  readonly clips: readonly Clip[];
  readonly parts: Parts;
  /** Keep only this split. */
  readonly split?: string | undefined;
  /** Selection keys hashed by the scan for `keySeed`, aligned with `clips` (TreeClips carry theirs too). */
  readonly keys?: Float64Array | undefined;
  readonly keySeed?: string | undefined;
  /** Fingerprint sums made by the scan over `clips`; computed here when absent. */
  readonly fingerprint?: ContentFingerprint | undefined;
}

/** Turns what a loader found into a Source: keeps the split asked for, drops duplicates, sums the parts. */
export function assembleSource(input: SourceInput): Source {
  let { clips, keys } = input;
  let parts = input.parts.all();
  if (input.split !== undefined) {
    const wanted = input.split;
    const splits = parts.flatMap((p) => (p.split === null ? [] : [p.split]));
    if (!splits.includes(wanted)) {
      const near = closestNames(wanted, splits);
      throw new UsageError(`--split ${wanted}: no such split in this source`, splits.length === 0 ? 'drop --split: this source has no splits' : `the splits are: ${splits.join(', ')}${near.length > 0 ? `; did you mean ${near[0]}?` : ''}`);
    }
    parts = parts.filter((p) => p.split === wanted);
    if (keys !== undefined) keys = keys.filter((_, i) => clips[i]?.split === wanted);
    clips = clips.filter((clip) => clip.split === wanted);
  }
  const keySeed = input.keySeed ?? DEFAULT_SEED;
  const { clips: unique, duplicates, dropped } = dropDuplicates(clips, keys ?? Float64Array.from(clips, (clip) => clipKey(keySeed, clip.clipId)));
  for (const duplicate of duplicates) {
    const part = input.parts.of(duplicate.split);
    part.duplicates.push(duplicate);
    for (const path of duplicate.dropped) part.tally.count('duplicates', duplicate.label, path);
  }
  let fingerprint = input.fingerprint;
  if (fingerprint === undefined) {
    fingerprint = new ContentFingerprint();
    for (const clip of unique) fingerprint.add(clip.clipId, clip.sizeBytes);
  } else {
    for (const clip of dropped) fingerprint.remove(clip.clipId, clip.sizeBytes);
  }
  const report = mergeParts(parts);
  return {
    given: input.given,
    root: input.root,
    layout: input.layout,
    index: input.index ?? null,
    annotations: input.annotations ?? [],
    unlabeled: input.unlabeled ?? [],
    splits: parts.flatMap((p) => (p.split === null ? [] : [p.split])).sort(compareCodePoints),
    classes: [...report.classes].sort(compareCodePoints),
    clips: unique,
    report,
    parts,
    fingerprint: fingerprint.digest(),
    keyOf: (seed) => (seed === keySeed ? (clip) => (clip instanceof TreeClip ? clip.presetKey : clipKey(seed, clip.clipId)) : (clip) => clipKey(seed, clip.clipId)),
  };
}
