import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clip } from '../clip.js';
import { clipKey, DEFAULT_SEED } from '../select/clip-key.js';
import { TreeClip } from './tree-clip.js';
import { DatasetError } from '../errors.js';
import { scanClassTree } from './class-tree.js';
import { dropDuplicates, type Duplicate } from './duplicates.js';
import { DEFAULT_VIDEO_EXTENSIONS, videoExtensionSet } from './file-kinds.js';
import { describeFsError, type ScanProblem, type SkipCounts } from './folder-scan.js';
import { listSubfolders, type Layout } from './layout.js';

/** A dataset as read: every clip with its identity, and everything the summary and provenance report. */
export interface Source {
  /** The root exactly as the user gave it: recorded in the provenance, never made absolute. */
  readonly given: string;
  /** The root as an absolute path, for reading files. */
  readonly root: string;
  readonly layout: Layout;
  readonly splits: readonly string[];
  /** Every class of the source in code-point order: the basis of label_index. */
  readonly classes: readonly string[];
  /** One clip per (split, clip id), in no particular order. */
  readonly clips: readonly Clip[];
  readonly skipped: SkipCounts;
  readonly duplicates: readonly Duplicate[];
  readonly problems: readonly ScanProblem[];
  /** See fingerprint.ts. */
  readonly fingerprint: string;
  /** How to get a clip's selection key for `seed`: reuses the keys hashed during the scan when seeds match. */
  keyOf(seed: string): (clip: Clip) => number;
}

export interface LoadOptions {
  /** Video extensions without dots; default DEFAULT_VIDEO_EXTENSIONS. */
  readonly extensions?: readonly string[] | undefined;
  readonly split?: string | undefined;
  readonly onProgress?: ((filesFound: number) => void) | undefined;
  readonly threads?: number | undefined;
  /** The seed that will select from this source: its keys are hashed on the scan threads. Default: 0. */
  readonly seed?: string | undefined;
}

export async function loadSource(given: string, options: LoadOptions = {}): Promise<Source> {
  const root = resolve(given);
  const stats = statSync(root, { throwIfNoEntry: false });
  if (stats === undefined) throw new DatasetError(`dataset root '${given}' does not exist`, 'check the path');
  if (!stats.isDirectory()) throw new DatasetError(`dataset root '${given}' is a file, not a folder`, 'pass the folder that holds the class folders');
  const extensions = videoExtensionSet(options.extensions ?? DEFAULT_VIDEO_EXTENSIONS);
  let top: string[];
  try {
    top = listSubfolders(root);
  } catch (error) {
    throw new DatasetError(`cannot read dataset root '${given}': ${describeFsError(error)}`, 'check its permissions');
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const tree = await scanClassTree(root, top, { extensions, split: options.split, onProgress: options.onProgress, threads: options.threads, seed });
  if (tree.clips.length === 0) {
    const looked = [...extensions].map((e) => `.${e}`).join(' ');
    throw new DatasetError(`no videos found below '${given}'`, `looked for ${looked} in class folders; use --ext to name other extensions`);
  }
  const keyOf = (wanted: string): ((clip: Clip) => number) =>
    wanted === seed ? (clip) => (clip instanceof TreeClip ? clip.presetKey : clipKey(wanted, clip.clipId)) : (clip) => clipKey(wanted, clip.clipId);
  const { clips, duplicates, dropped } = dropDuplicates(tree.clips, tree.keys);
  for (const clip of dropped) tree.fingerprint.remove(clip.clipId, clip.sizeBytes);
  return {
    given,
    root,
    layout: tree.layout,
    splits: tree.splits,
    classes: tree.classes,
    clips,
    skipped: tree.skipped,
    duplicates,
    problems: tree.problems,
    fingerprint: tree.fingerprint.digest(),
    keyOf,
  };
}
