import { type Dir, type Dirent, opendirSync } from 'node:fs';
import { compareCodePoints } from '../clip.js';
import { classifyFile } from './file-kinds.js';
import { describeFsError, isMangledName, listDir, statPath } from './folder-fs.js';

/** How a dataset root is organised. The summary and the provenance both name it. */
export type Layout = 'class-tree' | 'split-class-tree';

export interface DetectedLayout {
  readonly layout: Layout;
  /** For `split-class-tree`, the split folders in code-point order; empty otherwise. */
  readonly splits: readonly string[];
}

/** An entry of a folder that could not be a class or split folder: a name that is not UTF-8, or a failed stat. */
export interface RejectedFolder {
  readonly name: string;
  /** null for a name that is not UTF-8. */
  readonly error: string | null;
}

/**
 * Non-hidden sub-folders of `dir` (symlinks to folders included), unsorted. A sub-folder whose name is not
 * UTF-8 names nothing that can be opened, so it is left out (never a class with a label index), and so is
 * a link that cannot be followed (ELOOP, EACCES); both go to `rejected` when given, to be reported.
 */
export function listSubfolders(dir: string, rejected?: RejectedFolder[]): string[] {
  const names: string[] = [];
  for (const entry of listDir(dir)) {
    if (entry.name.startsWith('.')) continue;
    if (isMangledName(dir, entry.name)) {
      if (entry.isDirectory() || !entry.isFile()) rejected?.push({ name: entry.name, error: null });
      continue;
    }
    try {
      if (isFolderEntry(dir, entry)) names.push(entry.name);
    } catch (error) {
      rejected?.push({ name: entry.name, error: describeFsError(error) });
    }
  }
  return names;
}

function isFolderEntry(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (entry.isFile()) return false;
  return statPath(`${dir}/${entry.name}`)?.isDirectory() ?? false;
}

function isFolderOrNot(dir: string, entry: Dirent): boolean {
  try {
    return isFolderEntry(dir, entry);
  } catch {
    return false; // reported when the walk reaches it
  }
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
      sawFolder ||= !entry.name.startsWith('.') && isFolderOrNot(dir, entry);
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
