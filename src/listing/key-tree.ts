import { classifyFile } from '../scan/file-kinds.js';
import type { ScanProblem } from '../scan/folder-scan.js';

/**
 * The keys below a prefix as a tree of folders, so that a listing is read by the rules a walk of a folder
 * follows. Object stores have no folders: a folder is any key's path up to a `/`, and a key that ends in
 * `/` (what consoles make for an empty folder) is a folder with nothing in it.
 */
export class KeyFolder {
  readonly folders = new Map<string, KeyFolder>();
  /** File names to sizes. */
  readonly files = new Map<string, number>();

  folder(name: string): KeyFolder {
    let folder = this.folders.get(name);
    if (folder === undefined) {
      folder = new KeyFolder();
      this.folders.set(name, folder);
    }
    return folder;
  }

  /** The folder at a `/`-separated path below this one, or undefined. */
  at(path: string): KeyFolder | undefined {
    let folder: KeyFolder | undefined = this;
    for (const name of path === '' ? [] : path.split('/')) folder = folder?.folders.get(name);
    return folder;
  }

  /** Sub-folders that are not hidden: the candidates for splits and classes, as listSubfolders gives them. */
  visibleFolders(): string[] {
    return [...this.folders.keys()].filter(name => !name.startsWith('.'));
  }

  /** What the folder holds directly, as the layout detection's peek sees it. */
  content(extensions: ReadonlySet<string>): 'videos' | 'folders' | 'nothing' {
    for (const name of this.files.keys()) if (classifyFile(name, extensions) === 'video') return 'videos';
    return this.visibleFolders().length > 0 ? 'folders' : 'nothing';
  }
}

/**
 * Builds the tree of keys relative to a prefix. A key no folder could hold (an empty, `.` or `..` part, as
 * in `a//b.mp4`, or a NUL byte) is reported and left out: it names no file a download could write.
 */
export function keyTree(objects: Iterable<{ readonly path: string; readonly size: number }>): {
  root: KeyFolder;
  problems: ScanProblem[];
} {
  const root = new KeyFolder();
  const problems: ScanProblem[] = [];
  for (const { path, size } of objects) {
    const marker = path.endsWith('/');
    const parts = (marker ? path.slice(0, -1) : path).split('/');
    if (parts.some(part => part === '' || part === '.' || part === '..')) {
      problems.push({ path, message: "a key with an empty, '.' or '..' part: not read" });
      continue;
    }
    // No file system names a file with a NUL byte, and the clip table joins names with NUL: one would split in two.
    if (path.includes('\0')) {
      problems.push({ path: path.replaceAll('\0', '\\0'), message: 'a key with a NUL byte: not read' });
      continue;
    }
    const name = marker ? undefined : parts.pop();
    let folder = root;
    for (const part of parts) folder = folder.folder(part);
    if (name === undefined) continue;
    if (folder.files.has(name)) problems.push({ path, message: 'listed twice: the first size is kept' });
    else folder.files.set(name, size);
  }
  return { root, problems };
}
