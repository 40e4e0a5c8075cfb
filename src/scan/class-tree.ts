import type { Clip } from '../clip.js';
import { clipIdOf } from './clip-name.js';
import { TreeClip } from './tree-clip.js';
import { ContentFingerprint } from './fingerprint.js';
import { scanFolders, type ScanFoldersOptions } from './folder-pool.js';
import { addSkipCounts, emptySkipCounts, type FolderListing, type ScanProblem, type SkipCounts } from './folder-scan.js';
import { detectLayout, listSubfolders, type Layout } from './layout.js';
import { describeFsError } from './folder-scan.js';
import { compareCodePoints } from '../clip.js';
import { DatasetError, UsageError } from '../errors.js';
import { closestNames } from '../labels/closest.js';

/** What walking a class-folder tree produced, before duplicates are resolved. */
export interface TreeScan {
  readonly layout: Layout;
  /** Split folders that were read, in code-point order (empty for a class tree). */
  readonly splits: string[];
  /** Every class folder name found, in code-point order (an empty class folder is still a class). */
  readonly classes: string[];
  readonly clips: Clip[];
  readonly skipped: SkipCounts;
  readonly problems: ScanProblem[];
  readonly fingerprint: ContentFingerprint;
  /** The clips' selection keys for the scan's seed, aligned with `clips`. */
  readonly keys: Float64Array;
}

export interface TreeScanOptions extends ScanFoldersOptions {
  readonly extensions: ReadonlySet<string>;
  /** Read only this split folder. */
  readonly split?: string | undefined;
}

/** Walks `ROOT/<class>/...` or `ROOT/<split>/<class>/...`; `topFolders` are ROOT's non-hidden sub-folders. */
export async function scanClassTree(root: string, topFolders: string[], options: TreeScanOptions): Promise<TreeScan> {
  const detected = detectLayout(root, topFolders, options.extensions);
  const problems: ScanProblem[] = [];
  const classFolders: { split: string | null; label: string }[] = [];
  const splits: string[] = [];
  if (detected.layout === 'class-tree') {
    if (options.split !== undefined) {
      throw new UsageError(`--split ${options.split}: this root is a class tree without split folders`, 'drop --split');
    }
    for (const label of [...topFolders].sort(compareCodePoints)) classFolders.push({ split: null, label });
  } else {
    for (const split of chooseSplits(detected.splits, options.split)) {
      let labels: string[];
      try {
        labels = listSubfolders(`${root}/${split}`);
      } catch (error) {
        problems.push({ path: split, message: describeFsError(error) });
        continue;
      }
      if (labels.length > 0) splits.push(split); // a top folder without class folders is not a split
      for (const label of labels.sort(compareCodePoints)) classFolders.push({ split, label });
    }
  }
  const folderPath = (f: { split: string | null; label: string }): string => (f.split === null ? f.label : `${f.split}/${f.label}`);
  const listings = await scanFolders(root, classFolders.map(folderPath), options.extensions, options);
  const skipped = emptySkipCounts();
  const fingerprint = new ContentFingerprint();
  const clips: Clip[] = [];
  const keys = new Float64Array(listings.reduce((n, listing) => n + listing.files.length, 0));
  listings.forEach((listing, i) => {
    keys.set(listing.keys, clips.length);
    const { split, label } = classFolders[i] as { split: string | null; label: string };
    addSkipCounts(skipped, listing.skipped);
    fingerprint.merge(listing.fingerprint);
    problems.push(...listing.problems);
    appendClips(clips, listing, split, label);
  });
  const classes = [...new Set(classFolders.map((f) => f.label))].sort(compareCodePoints);
  return { layout: detected.layout, splits, classes, clips, skipped, problems, fingerprint, keys };
}

function appendClips(into: Clip[], listing: FolderListing, split: string | null, label: string): void {
  const { files, sizes, keys, folder } = listing;
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    into.push(new TreeClip(folder, file, split, label, clipIdOf(file), sizes[i] as number, keys[i] as number));
  }
}

function chooseSplits(found: readonly string[], wanted: string | undefined): string[] {
  if (found.length === 0) throw new DatasetError('no videos found below the root', 'point at a folder of class folders, or check --ext');
  const sorted = [...found].sort(compareCodePoints);
  if (wanted === undefined) return sorted;
  if (sorted.includes(wanted)) return [wanted];
  const near = closestNames(wanted, sorted);
  throw new UsageError(`--split ${wanted}: no such split folder`, `the splits are: ${sorted.join(', ')}${near.length > 0 ? `; did you mean ${near[0]}?` : ''}`);
}
