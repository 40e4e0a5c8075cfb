import { compareCodePoints } from '../clip.js';
import { DatasetError, UsageError } from '../errors.js';
import { nfc } from '../scan/clip-name.js';
import { ClipTable, type TableFolder } from '../scan/clip-table.js';
import { describeFsError } from '../scan/folder-fs.js';
import { type ScanFoldersOptions, scanFolders } from '../scan/folder-pool.js';
import { countSkip, type FolderListing } from '../scan/folder-scan.js';
import { detectLayout, listSubfolders, type RejectedFolder } from '../scan/layout.js';
import { Parts, type SourcePart } from './part.js';
import { chooseSplitNames } from './split-choice.js';

/** What walking a class-folder tree produced. */
export interface TreeWalk {
  readonly layout: 'class-tree' | 'split-class-tree';
  readonly parts: Parts;
  /** Every video found, duplicates included, labelled by folder: its keys and fingerprint sums with it. */
  readonly table: ClipTable;
  /** The classes of every split folder, those `--split` leaves unread too: the label space. */
  readonly labelSpace: string[];
  /** Each class folder's listing, for the caller to count (see countListing). */
  readonly listings: readonly {
    readonly listing: FolderListing;
    readonly split: string | null;
    readonly label: string;
  }[];
}

export interface TreeWalkOptions extends ScanFoldersOptions {
  readonly extensions: ReadonlySet<string>;
  /** Read only this split folder. */
  readonly split?: string | undefined;
  /** Entries of the root that could not be folders (see listSubfolders), to report with the walk. */
  readonly rejectedTop?: readonly RejectedFolder[] | undefined;
}

/** Counts and reports folders left out: a name that is not UTF-8 is a skipped kind of its own. */
export function reportRejected(part: SourcePart, under: string | null, rejected: readonly RejectedFolder[]): void {
  for (const { name, error } of rejected) {
    const path = under === null ? name : `${under}/${name}`;
    if (error === null) countSkip(part.skipped, 'non_utf8');
    part.problems.push({ path, message: error ?? 'folder name is not valid UTF-8, not read' });
  }
}

/** Walks `ROOT/<class>/...` or `ROOT/<split>/<class>/...`; `topFolders` are ROOT's non-hidden sub-folders. */
export async function walkClassTree(
  root: string,
  topFolders: readonly string[],
  options: TreeWalkOptions,
): Promise<TreeWalk> {
  const detected = detectLayout(root, topFolders, options.extensions);
  const parts = new Parts();
  const classFolders: { split: string | null; label: string; dir: string }[] = [];
  const labelSpace = new Set<string>();
  if (detected.layout === 'class-tree') {
    if (options.split !== undefined) {
      throw new UsageError(`--split ${options.split}: this root is a class tree without split folders`, 'drop --split');
    }
    for (const dir of [...topFolders].sort(compareCodePoints)) classFolders.push({ split: null, label: nfc(dir), dir });
    reportRejected(parts.of(null), null, options.rejectedTop ?? []);
  } else {
    const chosen = chooseSplits(detected.splits, options.split);
    reportRejected(parts.of(chosen[0] ?? null), null, options.rejectedTop ?? []);
    for (const split of detected.splits.filter(s => !chosen.includes(s))) {
      // Only listed, for the label space: a class missing from the split read keeps its index.
      try {
        for (const dir of listSubfolders(`${root}/${split}`)) labelSpace.add(nfc(dir));
      } catch {
        // unreadable: reported when that split is read
      }
    }
    for (const split of chosen) {
      let labels: string[];
      const rejected: RejectedFolder[] = [];
      try {
        labels = listSubfolders(`${root}/${split}`, rejected);
        reportRejected(parts.of(split), split, rejected);
      } catch (error) {
        parts.of(split).problems.push({ path: split, message: describeFsError(error) });
        continue;
      }
      for (const dir of labels.sort(compareCodePoints)) classFolders.push({ split, label: nfc(dir), dir });
    }
  }
  noteClassFolders(parts, classFolders);
  const labelOf = new Map(classFolders.map(f => [folderPath(f), f.label]));
  const listings = await scanFolders(root, classFolders.map(folderPath), options.extensions, {
    ...options,
    classFolderOf: folder => labelOf.get(folder) ?? '',
  });
  const folders = classFolders.map(f => ({ path: folderPath(f), split: f.split, label: f.label }));
  const table = new ClipTable(folders, listings, options.seed);
  const labelled = listings.map((listing, i) => {
    const { split, label } = folders[i] as TableFolder;
    return { listing, split, label };
  });
  for (const { label } of classFolders) labelSpace.add(label);
  return {
    layout: detected.layout,
    parts,
    table,
    listings: labelled,
    labelSpace: [...labelSpace],
  };
}

/** Where a class folder is below the root: `abseiling` or `train/abseiling`. */
export function folderPath(f: { readonly split: string | null; readonly dir: string }): string {
  return f.split === null ? f.dir : `${f.split}/${f.dir}`;
}

/**
 * Adds each class folder's label to its part. Rule v2: labels and clip ids are NFC; folders whose names are
 * not are reported, and two that are one class after NFC too. Shared by the walk of folders and of keys.
 */
export function noteClassFolders(
  parts: Parts,
  classFolders: readonly { readonly split: string | null; readonly label: string; readonly dir: string }[],
): void {
  const seen = new Map<string, string>();
  for (const folder of classFolders) {
    const part = parts.of(folder.split);
    part.classes.add(folder.label);
    if (folder.label !== folder.dir) part.notNfc.push(folderPath(folder));
    const key = `${folder.split ?? ''}/${folder.label}`;
    const other = seen.get(key);
    if (other !== undefined)
      part.problems.push({
        path: folderPath(folder),
        message: `the same class as '${other}' after Unicode NFC: read as one, its clips with one id as duplicates`,
      });
    else seen.set(key, folderPath(folder));
  }
}

function chooseSplits(found: readonly string[], wanted: string | undefined): string[] {
  if (found.length === 0)
    throw new DatasetError('no videos found below the root', 'point at a folder of class folders, or check --ext');
  const sorted = [...found].sort(compareCodePoints);
  return wanted === undefined ? sorted : chooseSplitNames(wanted, sorted, 'split folder');
}
