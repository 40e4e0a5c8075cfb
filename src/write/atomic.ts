import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatasetError } from '../errors.js';
import { describeFsError } from '../scan/folder-scan.js';

/** A file to write, with its whole content: text, or bytes when it is large (an index). */
export interface PlannedFile {
  readonly path: string;
  readonly content: string | Buffer;
}

export interface WriteOutcome {
  readonly written: string[];
  /** Files whose bytes would not change: left alone, modification time included, so Make sees no change. */
  readonly unchanged: string[];
}

/**
 * Fails early, before any scanning, if `path` cannot be written: its folder must exist and be writable,
 * and the path must not be a folder.
 */
export function assertWritable(path: string): void {
  const folder = dirname(path);
  const folderStats = statSync(folder, { throwIfNoEntry: false });
  if (folderStats === undefined) throw new DatasetError(`output folder '${folder}' does not exist`, `create it first: mkdir -p ${folder}`);
  if (!folderStats.isDirectory()) throw new DatasetError(`output folder '${folder}' is not a folder`, 'choose another -o');
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new DatasetError(`output '${path}' is a folder`, 'give a file name to -o');
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new DatasetError(`output folder '${folder}' is not writable`, 'choose another -o, or fix its permissions');
  }
}

/**
 * True when the file at `path` holds exactly `content`. Compared as bytes, a piece at a time: an index of
 * Kinetics-700 is 150 MB, which decoding to compare as text took a second, and reading whole doubled.
 */
export function holdsExactly(path: string, content: string | Buffer): boolean {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isFile() || stats.size !== bytes.length) return false;
  const piece = Buffer.allocUnsafe(Math.max(1, Math.min(bytes.length, 4 * 1024 * 1024)));
  const fd = openSync(path, 'r');
  try {
    for (let at = 0; at < bytes.length; ) {
      const read = readSync(fd, piece, 0, Math.min(piece.length, bytes.length - at), at);
      if (read <= 0 || !piece.subarray(0, read).equals(bytes.subarray(at, at + read))) return false;
      at += read;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes every file or none: each goes to a temporary file beside its target, and only when all of them
 * are written are they renamed into place (a rename within a folder cannot half-happen). A reader never sees
 * a half-written manifest, and an error while writing leaves every existing output as it was.
 */
export function writeAllOrNothing(files: readonly PlannedFile[]): WriteOutcome {
  const outcome: WriteOutcome = { written: [], unchanged: [] };
  const staged: { temp: string; path: string }[] = [];
  for (const file of files) {
    if (statSync(file.path, { throwIfNoEntry: false })?.isDirectory()) throw new DatasetError(`output '${file.path}' is a folder`, 'give a file name to -o');
  }
  try {
    for (const file of files) {
      const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
      if (holdsExactly(file.path, bytes)) {
        outcome.unchanged.push(file.path);
        continue;
      }
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      staged.push({ temp, path: file.path });
      writeFileSync(temp, bytes, { flag: 'wx' });
    }
    for (const { temp, path } of staged) {
      renameSync(temp, path);
      outcome.written.push(path);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    const failed = staged.find((s) => !outcome.written.includes(s.path))?.path ?? files[0]?.path ?? '';
    throw new DatasetError(`cannot write '${failed}': ${describeFsError(error)}`, 'check the output folder and free disk space');
  }
  return outcome;
}
