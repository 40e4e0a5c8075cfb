import { compareCodePoints } from '../clip.js';
import { DatasetError, UsageError } from '../errors.js';
import { nfc } from '../scan/clip-name.js';
import { ClipTable } from '../scan/clip-table.js';
import { folderPath, noteClassFolders, type TreeWalk } from '../source/class-tree.js';
import { Parts } from '../source/part.js';
import { chooseSplitNames } from '../source/split-choice.js';
import { keyFolders } from './key-hash-pool.js';
import { findKeyVideos } from './key-scan.js';
import type { KeyFolder } from './key-tree.js';

export interface KeyWalkOptions {
  readonly extensions: ReadonlySet<string>;
  readonly seed: string;
  /** Read only this split folder. */
  readonly split?: string | undefined;
  /** Threads that hash (`--threads`); see keyFolders. */
  readonly threads?: number | undefined;
}

/**
 * How the keys are organised, decided as for a folder (see detectLayout): a top folder holding videos of
 * its own makes a class tree; when none does but some hold folders, the top folders are splits.
 */
export function detectKeyLayout(
  root: KeyFolder,
  extensions: ReadonlySet<string>,
): { layout: 'class-tree' | 'split-class-tree'; splits: string[] } {
  const sorted = root.visibleFolders().sort(compareCodePoints);
  let folders = false;
  for (const name of sorted) {
    const content = (root.folders.get(name) as KeyFolder).content(extensions);
    if (content === 'videos') return { layout: 'class-tree', splits: [] };
    folders ||= content === 'folders';
  }
  return folders ? { layout: 'split-class-tree', splits: sorted } : { layout: 'class-tree', splits: [] };
}

/**
 * Reads `<class>/...` or `<split>/<class>/...` from the keys exactly as walkClassTree reads folders. Once
 * every name is read the listing's keys are let go of (see ListedKeys.release): the tree is read once.
 */
export async function walkKeyTree(root: KeyFolder, options: KeyWalkOptions): Promise<TreeWalk> {
  const detected = detectKeyLayout(root, options.extensions);
  const parts = new Parts();
  const classFolders: { split: string | null; label: string; dir: string }[] = [];
  const labelSpace = new Set<string>();
  if (detected.layout === 'class-tree') {
    if (options.split !== undefined)
      throw new UsageError(`--split ${options.split}: this root is a class tree without split folders`, 'drop --split');
    parts.of(null);
    for (const dir of root.visibleFolders().sort(compareCodePoints))
      classFolders.push({ split: null, label: nfc(dir), dir });
  } else {
    if (detected.splits.length === 0)
      throw new DatasetError('no videos found below the root', 'point at a folder of class folders, or check --ext');
    const chosen =
      options.split === undefined ? detected.splits : chooseSplitNames(options.split, detected.splits, 'split folder');
    parts.of(chosen[0] ?? null);
    for (const split of detected.splits.filter(s => !chosen.includes(s)))
      for (const dir of root.at(split)?.visibleFolders() ?? []) labelSpace.add(nfc(dir));
    for (const split of chosen) {
      parts.of(split);
      for (const dir of root.at(split)?.visibleFolders().sort(compareCodePoints) ?? [])
        classFolders.push({ split, label: nfc(dir), dir });
    }
  }
  noteClassFolders(parts, classFolders);
  const nodes = classFolders.map(({ split, dir }) => root.at(folderPath({ split, dir })) as KeyFolder);
  const rows = nodes.reduce((sum, node) => sum + node.rowsBelow(), 0);
  // The clip table's columns, which each folder's listing fills its part of (folders are found in order):
  // one array each rather than one a folder, copied into the table's.
  const columns = { sizes: new Float64Array(rows), keys: new Float64Array(rows) };
  let filled = 0;
  const found = await keyFolders(
    options.seed,
    classFolders.length,
    i => {
      const { split, label, dir } = classFolders[i] as (typeof classFolders)[number];
      const videos = findKeyVideos(nodes[i] as KeyFolder, folderPath({ split, dir }), options.extensions, label);
      const end = filled + videos.files.length;
      const into = { sizes: columns.sizes.subarray(filled, end), keys: columns.keys.subarray(filled, end) };
      filled = end;
      return { ...videos, into };
    },
    options.threads,
    rows,
  );
  // Every name is read: the keys' bytes go before the clip table takes its memory, and the slice its own.
  root.releaseKeys();
  const listings = found.map((listing, i) => {
    const { split, label } = classFolders[i] as (typeof classFolders)[number];
    return { listing, split, label };
  });
  // One clip table, as a walk of folders makes (see walkClassTree).
  const folders = listings.map(({ listing, split, label }) => ({ path: listing.folder, split, label }));
  const table = new ClipTable(
    folders,
    listings.map(({ listing }) => listing),
    options.seed,
    { sizes: columns.sizes.subarray(0, filled), keys: columns.keys.subarray(0, filled) },
  );
  for (const { label } of classFolders) labelSpace.add(label);
  return { layout: detected.layout, parts, table, listings, labelSpace: [...labelSpace] };
}
