import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatasetError } from '../errors.js';
import { describeFsError } from '../scan/folder-scan.js';

/** A file's whole content: text, or bytes (in pieces, for a large manifest or index). */
export type Content = string | Buffer | readonly Buffer[];

/** A file to write, with its whole content. */
export interface PlannedFile {
  readonly path: string;
  readonly content: Content;
}

export function contentPieces(content: Content): readonly Buffer[] {
  if (typeof content === 'string') return [Buffer.from(content)];
  return Buffer.isBuffer(content) ? [content] : content;
}

export function contentText(content: Content): string {
  return typeof content === 'string' ? content : Buffer.concat(contentPieces(content)).toString('utf8');
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
  if (folderStats === undefined)
    throw new DatasetError(`output folder '${folder}' does not exist`, `create it first: mkdir -p ${folder}`);
  if (!folderStats.isDirectory())
    throw new DatasetError(`output folder '${folder}' is not a folder`, 'choose another -o');
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
    throw new DatasetError(`output '${path}' is a folder`, 'give a file name to -o');
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
export function holdsExactly(path: string, content: Content): boolean {
  const pieces = contentPieces(content);
  const size = pieces.reduce((n, piece) => n + piece.length, 0);
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isFile() || stats.size !== size) return false;
  const read = Buffer.allocUnsafe(Math.max(1, Math.min(size, 4 * 1024 * 1024)));
  const fd = openSync(path, 'r');
  try {
    let position = 0;
    for (const piece of pieces) {
      for (let at = 0; at < piece.length; ) {
        const got = readSync(fd, read, 0, Math.min(read.length, piece.length - at), position);
        if (got <= 0 || !read.subarray(0, got).equals(piece.subarray(at, at + got))) return false;
        at += got;
        position += got;
      }
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

function writeNew(path: string, pieces: readonly Buffer[]): void {
  const fd = openSync(path, 'wx');
  try {
    for (const piece of pieces) for (let at = 0; at < piece.length; ) at += writeSync(fd, piece, at, piece.length - at);
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
    if (statSync(file.path, { throwIfNoEntry: false })?.isDirectory())
      throw new DatasetError(`output '${file.path}' is a folder`, 'give a file name to -o');
  }
  try {
    for (const file of files) {
      const pieces = contentPieces(file.content);
      if (holdsExactly(file.path, pieces)) {
        outcome.unchanged.push(file.path);
        continue;
      }
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      staged.push({ temp, path: file.path });
      writeNew(temp, pieces);
    }
    for (const { temp, path } of staged) {
      renameSync(temp, path);
      outcome.written.push(path);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    const failed = staged.find(s => !outcome.written.includes(s.path))?.path ?? files[0]?.path ?? '';
    throw new DatasetError(
      `cannot write '${failed}': ${describeFsError(error)}`,
      'check the output folder and free disk space',
    );
  }
  return outcome;
}
