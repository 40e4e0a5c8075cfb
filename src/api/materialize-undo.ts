import { closeSync, type Dirent, openSync, readdirSync, readSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { compareCodePoints } from '../clip.js';
import { DatasetError } from '../errors.js';
import { describeFsError } from '../scan/folder-fs.js';

/**
 * What one materialize run changed in DEST, so that a failure half-way (a full disk, a file that cannot be
 * made) leaves DEST as it was: made files and folders are removed, replaced files put back.
 */
export class Undo {
  private readonly files: string[] = [];
  private readonly folders: string[] = [];
  private readonly asides: { target: string; aside: string }[] = [];

  /** `first` is what `mkdirSync(..., { recursive: true })` returned: the top folder it made, if any. */
  madeFolder(first: string | undefined): void {
    if (first !== undefined) this.folders.push(first);
  }

  madeFile(path: string): void {
    this.files.push(path);
  }

  /** Moves a file about to be replaced out of the way, beside itself, until the run has succeeded. */
  setAside(target: string): void {
    const aside = `${target}.k400-slice-replaced`;
    rmSync(aside, { force: true });
    renameSync(target, aside);
    this.asides.push({ target, aside });
  }

  rollBack(): void {
    for (const file of this.files.reverse()) rmSync(file, { force: true });
    for (const { target, aside } of this.asides.reverse()) {
      rmSync(target, { force: true });
      renameSync(aside, target);
    }
    // Made top folders hold only what this run made: remove them whole, the newest first.
    for (const folder of this.folders.reverse()) rmSync(folder, { recursive: true, force: true });
  }

  commit(): void {
    for (const { aside } of this.asides) rmSync(aside, { force: true });
  }
}

/**
 * Files below DEST that no target names, in code-point order of their paths. Links are entries like files:
 * never followed, so nothing outside DEST is ever listed (or removed by prune). A name that is not UTF-8 is
 * kept as its bytes (a folder of such a name whole), so prune removes the entry that is really there.
 */
export function filesNotIn(dest: string, targets: ReadonlySet<string>): (string | Buffer)[] {
  const extra: string[] = [];
  const raw: Buffer[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new DatasetError(`cannot read ${dir}: ${describeFsError(error)}`, 'check DEST and its permissions');
    }
    for (const entry of entries) {
      const name = entry.name.toString('utf8');
      if (!Buffer.from(name).equals(entry.name)) raw.push(Buffer.concat([Buffer.from(`${dir}/`), entry.name]));
      else if (entry.isDirectory()) walk(join(dir, name));
      else if (!targets.has(join(dir, name))) extra.push(join(dir, name));
    }
  };
  walk(dest);
  return [...extra.sort(compareCodePoints), ...raw.sort(Buffer.compare)];
}

/** Removes the given files (links themselves, never their targets), then the folders they leave empty. */
export function prune(dest: string, extra: readonly (string | Buffer)[]): number {
  const folders = new Set<string>();
  for (const path of extra) {
    try {
      rmSync(path, { force: true, recursive: typeof path !== 'string' });
    } catch (error) {
      throw new DatasetError(`--prune: cannot remove ${path}: ${describeFsError(error)}`, 'check its permissions');
    }
    if (typeof path === 'string')
      for (let dir = join(path, '..'); isBelow(dest, dir); dir = join(dir, '..')) folders.add(dir);
  }
  // Deepest first, so a folder is empty by the time it is tried; a folder still holding files stays.
  for (const dir of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty: it holds clips of the manifest
    }
  }
  return extra.length;
}

function isBelow(dest: string, dir: string): boolean {
  const rel = relative(dest, dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Whether two files hold the same bytes, compared a piece at a time (clips can be gigabytes). */
export function sameBytes(a: string, b: string): boolean {
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  const pa = Buffer.allocUnsafe(1 << 20);
  const pb = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      const ra = readSync(fa, pa, 0, pa.length, null);
      const rb = readSync(fb, pb, 0, pb.length, null);
      if (ra !== rb || !pa.subarray(0, ra).equals(pb.subarray(0, rb))) return false;
      if (ra === 0) return true;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
