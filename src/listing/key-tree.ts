import { classifyFile } from '../scan/file-kinds.js';
import type { ScanProblem } from '../scan/folder-scan.js';
import type { ListedKeys } from './listed-keys.js';
import type { Located } from './locate.js';
import { RowRuns } from './row-runs.js';

/**
 * The keys below a prefix as a tree of folders, so that a listing is read by the rules a walk of a folder
 * follows. Object stores have no folders: a folder is any key's path up to a `/`, and a key that ends in
 * `/` (what consoles make for an empty folder) is a folder with nothing in it. A folder holds the rows of
 * its files, not their names: a name is read from the listing's bytes when asked for.
 */
export class KeyFolder {
  readonly folders = new Map<string, KeyFolder>();
  /** The listing's rows that are files in this folder, in listing order. */
  readonly rows = new RowRuns();

  constructor(
    private readonly keys: ListedKeys,
    /** Where, in each of its keys, a file name of this folder starts (bytes): 0 once only names are kept. */
    private nameAt: number,
  ) {}

  folder(name: string): KeyFolder {
    let folder = this.folders.get(name);
    if (folder === undefined) {
      folder = new KeyFolder(this.keys, this.nameAt + Buffer.byteLength(name, 'utf8') + 1);
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

  /** The name of the file in row `row` (one of `rows`). */
  nameOf(row: number): string {
    return this.keys.key(row, this.nameAt);
  }

  sizeOf(row: number): number {
    return this.keys.size(row);
  }

  /** The names of the folder's files, in listing order. */
  fileNames(): string[] {
    return this.rows.toArray().map(row => this.nameOf(row));
  }

  /**
   * Has the keys keep only the names of the files of this folder and every folder below it (see
   * ListedKeys.keepFrom): every other key, and every folder's path, is read no more once the tree is built.
   */
  keepNamesOnly(): void {
    const from = new Int32Array(this.keys.count).fill(-1);
    const note = (folder: KeyFolder): void => {
      folder.rows.forEach(row => {
        from[row] = folder.nameAt;
      });
      folder.nameAt = 0;
      for (const sub of folder.folders.values()) note(sub);
    };
    note(this);
    this.keys.keepFrom(from);
  }

  /** Lets go of the listing's keys (see ListedKeys.release): no name of any folder can be read after. */
  releaseKeys(): void {
    this.keys.release();
  }

  /** How many files this folder and every folder below it hold. */
  rowsBelow(): number {
    let rows = this.rows.length;
    for (const folder of this.folders.values()) rows += folder.rowsBelow();
    return rows;
  }

  /** Sub-folders that are not hidden: the candidates for splits and classes, as listSubfolders gives them. */
  visibleFolders(): string[] {
    return [...this.folders.keys()].filter(name => !name.startsWith('.'));
  }

  /** What the folder holds directly, as the layout detection's peek sees it. */
  content(extensions: ReadonlySet<string>): 'videos' | 'folders' | 'nothing' {
    if (this.rows.some(row => classifyFile(this.nameOf(row), extensions) === 'video')) return 'videos';
    return this.visibleFolders().length > 0 ? 'folders' : 'nothing';
  }

  /** Drops files listed a second time (the first is kept); returns the rows dropped. */
  dropRepeats(): number[] {
    if (this.rows.length < 2) return [];
    const rows = this.rows.toArray();
    // Listings mostly come sorted by key: names that ascend hold no repeat, and no name need be read.
    let ascending = true;
    for (let i = 1; i < rows.length && ascending; i++) {
      const a = rows[i - 1] as number;
      const b = rows[i] as number;
      const keys = this.keys;
      ascending = keys.compare(keys.start(a) + this.nameAt, keys.end(a), keys.start(b) + this.nameAt, keys.end(b)) < 0;
    }
    if (ascending) return [];
    const seen = new Set<string>();
    const repeats: number[] = [];
    const kept: number[] = [];
    for (const row of rows) {
      const name = this.nameOf(row);
      if (seen.has(name)) repeats.push(row);
      else {
        seen.add(name);
        kept.push(row);
      }
    }
    this.rows.replace(kept);
    return repeats;
  }
}

const BAD_PART = "a key with an empty, '.' or '..' part: not read";

/** Whether `/`-separated parts include one no folder could be named: empty, `.` or `..`. */
function badParts(parts: readonly string[]): boolean {
  return parts.some(part => part === '' || part === '.' || part === '..');
}

/**
 * Builds the tree of keys relative to a prefix. A key no folder could hold (an empty, `.` or `..` part, as
 * in `a//b.mp4`, or a NUL byte) is reported and left out: it names no file a download could write. A key
 * listed twice keeps its first size. Problems come in listing order. The keys keep only the names of the
 * tree's files from then on (see KeyFolder.keepNamesOnly).
 */
export function keyTree(located: Pick<Located, 'keys' | 'rows' | 'skip'>): {
  root: KeyFolder;
  problems: ScanProblem[];
} {
  const { keys, rows, skip } = located;
  const buf = keys.buffer;
  const root = new KeyFolder(keys, skip);
  const found: { row: number; problem: ScanProblem }[] = [];
  const nul = keys.anyNul();
  // The folder of the key before, by its bytes: keys of one folder mostly come one after another.
  let lastStart = 0;
  let lastEnd = -1;
  let lastFolder = root;
  const count = rows === null ? keys.count : rows.length;
  for (let r = 0; r < count; r++) {
    const row = rows === null ? r : (rows[r] as number);
    const start = keys.start(row) + skip;
    const end = keys.end(row);
    const marker = end > start && buf[end - 1] === 47;
    const pathEnd = marker ? end - 1 : end;
    let slash = pathEnd;
    if (!marker) slash = pathEnd > start ? buf.lastIndexOf(47, pathEnd - 1) : -1;
    const inFolder = slash >= start;
    if (!marker) {
      const nameStart = inFolder ? slash + 1 : start;
      const length = pathEnd - nameStart;
      const dot = (at: number): boolean => buf[at] === 46;
      if (length === 0 || (length === 1 && dot(nameStart)) || (length === 2 && dot(nameStart) && dot(nameStart + 1))) {
        found.push({ row, problem: { path: keys.key(row, skip), message: BAD_PART } });
        continue;
      }
    }
    const same =
      inFolder && slash - start === lastEnd - lastStart && buf.compare(buf, lastStart, lastEnd, start, slash) === 0;
    const parts = inFolder && !same ? buf.toString('utf8', start, slash).split('/') : [];
    if (badParts(parts)) {
      found.push({ row, problem: { path: keys.key(row, skip), message: BAD_PART } });
      continue;
    }
    // No file system names a file with a NUL byte, and the clip table joins names with NUL: one would split in two.
    if (nul && buf.subarray(start, end).includes(0)) {
      const path = keys.key(row, skip).replaceAll('\0', '\\0');
      found.push({ row, problem: { path, message: 'a key with a NUL byte: not read' } });
      continue;
    }
    let folder = same ? lastFolder : root;
    if (parts.length > 0) {
      for (const part of parts) folder = folder.folder(part);
      lastStart = start;
      lastEnd = slash;
      lastFolder = folder;
    }
    if (!marker) folder.rows.push(row);
  }
  const repeats = (folder: KeyFolder): void => {
    for (const row of folder.dropRepeats())
      found.push({ row, problem: { path: keys.key(row, skip), message: 'listed twice: the first size is kept' } });
    for (const sub of folder.folders.values()) repeats(sub);
  };
  repeats(root);
  // Rows are numbered in listing order, and each key has at most one problem.
  found.sort((a, b) => a.row - b.row);
  root.keepNamesOnly();
  return { root, problems: found.map(({ problem }) => problem) };
}
