import { type Dir, type Dirent, opendirSync, readdirSync, statSync } from 'node:fs';
import { compareCodePoints } from '../clip.js';
import { classifyFile } from './file-kinds.js';

/** How a dataset root is organised. The summary and the provenance both name it. */
export type Layout = 'class-tree' | 'split-class-tree';

export interface DetectedLayout {
  readonly layout: Layout;
  /** For `split-class-tree`, the split folders in code-point order; empty otherwise. */
  readonly splits: readonly string[];
}

/** Non-hidden sub-folders of `dir` (symlinks to folders included), unsorted. */
export function listSubfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter(entry => !entry.name.startsWith('.') && isFolderEntry(dir, entry))
    .map(entry => entry.name);
}

function isFolderEntry(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (entry.isFile()) return false;
  return statSync(`${dir}/${entry.name}`, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

type FolderContent = 'videos' | 'folders' | 'nothing';

/**
 * What a top-level folder holds directly: videos (so it is a class), only folders (so it is a split), or
 * nothing useful. It reads entries only until the first video, so a class folder costs one small read.
 */
function peek(dir: string, extensions: ReadonlySet<string>): FolderContent {
  let sawFolder = false;
  let handle: Dir;
  try {
    handle = opendirSync(dir);
  } catch {
    return 'nothing'; // reported when the scan itself tries to read it
  }
  try {
    for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
      if (classifyFile(entry.name, extensions) === 'video' && !entry.isDirectory()) return 'videos';
      sawFolder ||= !entry.name.startsWith('.') && isFolderEntry(dir, entry);
    }
  } finally {
    handle.closeSync();
  }
  return sawFolder ? 'folders' : 'nothing';
}

/**
 * Decides from the depth at which videos sit: `ROOT/<class>/<clip>` is a class tree, and
 * `ROOT/<split>/<class>/<clip>` a split tree (what torchvision and the CVDF `arrange_by_classes` script make).
 * A top-level folder holding videos of its own makes a class tree (its other folders may nest their
 * clips); when none does but some hold folders, it is a split tree. Peeking stops at the first folder with
 * videos, so a class tree of 700 classes costs one small read, and a split tree a read of each split.
 */
export function detectLayout(
  root: string,
  topFolders: readonly string[],
  extensions: ReadonlySet<string>,
): DetectedLayout {
  const sorted = [...topFolders].sort(compareCodePoints);
  let folders = false;
  for (const name of sorted) {
    const content = peek(`${root}/${name}`, extensions);
    if (content === 'videos') return { layout: 'class-tree', splits: [] };
    folders ||= content === 'folders';
  }
  return folders ? { layout: 'split-class-tree', splits: sorted } : { layout: 'class-tree', splits: [] };
}
