import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { DatasetError } from '../errors.js';
import { type CommitFs, describeWriteError, nodeCommitFs } from './commit-fs.js';
import { type OutputTarget, resolveTarget, statOf } from './output-target.js';
import { type InputFile, type InputRoot, refuseOwnInputs } from './own-inputs.js';
import { removeLeftovers, stagedFiles, tempName } from './temp-files.js';

/**
 * A file's whole content: text, or bytes in pieces (a large manifest or index). Pieces may be made as they
 * are read, again on each pass (an index is compared with the old file, then written): only a piece at a
 * time is then held.
 */
export type Content = string | Buffer | Iterable<Buffer>;

/** A file to write, with its whole content. */
export interface PlannedFile {
  readonly path: string;
  readonly content: Content;
}

export function contentPieces(content: Content): Iterable<Buffer> {
  if (typeof content === 'string') return [Buffer.from(content)];
  return Buffer.isBuffer(content) ? [content] : content;
}

export function contentText(content: Content): string {
  return typeof content === 'string' ? content : Buffer.concat([...contentPieces(content)]).toString('utf8');
}

export function contentSize(content: Content): number {
  let size = 0;
  for (const piece of contentPieces(content)) size += piece.length;
  return size;
}

export interface WriteOutcome {
  readonly written: string[];
  /** Files whose bytes would not change: left alone, modification time included, so Make sees no change. */
  readonly unchanged: string[];
}

/**
 * Fails early, before any scanning, if `path` cannot be written: it must not be a folder, and its nearest
 * existing folder must be a writable folder (missing folders are made when the run commits).
 */
export function assertWritable(path: string): void {
  const target = resolveTarget(path);
  if (target.straight) return;
  // The nearest folder that exists decides; a file on the way is named (`package.json/m.csv`).
  let folder = dirname(target.path);
  let stats = statOf(folder);
  while (stats === undefined && dirname(folder) !== folder) {
    folder = dirname(folder);
    stats = statOf(folder);
  }
  if (stats !== undefined && !stats.isDirectory())
    throw new DatasetError(`output folder '${folder}' is not a folder`, 'choose another -o');
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
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isFile()) return false;
  // Content held in memory is measured first; pieces made as they are read are compared up to the file's end.
  if (isHeld(content) && contentSize(content) !== stats.size) return false;
  const read = Buffer.allocUnsafe(Math.max(1, Math.min(stats.size, 4 * 1024 * 1024)));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false; // unreadable: it is replaced, as any file that differs
  }
  try {
    let position = 0;
    for (const piece of contentPieces(content)) {
      for (let at = 0; at < piece.length; ) {
        const got = readSync(fd, read, 0, Math.min(read.length, piece.length - at), position);
        if (got <= 0 || !read.subarray(0, got).equals(piece.subarray(at, at + got))) return false;
        at += got;
        position += got;
      }
    }
    return position === stats.size;
  } finally {
    closeSync(fd);
  }
}

function isHeld(content: Content): boolean {
  return typeof content === 'string' || Buffer.isBuffer(content) || Array.isArray(content);
}

/** How a commit would treat each file: what `--dry-run` reports. */
export type CommitState = 'new' | 'changed' | 'unchanged' | 'in place';

export interface CommitOptions {
  /** The filesystem calls (tests inject failures). */
  readonly fs?: CommitFs;
  /** Files the run reads: an output that is one of them is refused before anything is written. */
  readonly inputs?: readonly InputFile[];
  /** The dataset roots and their clips: an output may not replace a video. */
  readonly roots?: readonly InputRoot[];
}

/** Resolves and checks every target: the part of a commit that `--dry-run` runs too. */
export function planCommit(files: readonly PlannedFile[], options: CommitOptions = {}): OutputTarget[] {
  const targets = files.map(file => resolveTarget(file.path));
  // Writing a device twice is harmless (`-o /dev/null --report /dev/null`); a file twice is a mistake.
  refuseOwnInputs(
    targets.filter(t => !t.straight).map(t => t.given),
    options.inputs ?? [],
    options.roots ?? [],
  );
  for (const target of targets) if (!target.straight) assertWritable(target.path);
  return targets;
}

export function stateOf(target: OutputTarget, content: Content): CommitState {
  if (target.straight) return 'in place';
  if (target.existing === undefined) return 'new';
  return holdsExactly(target.path, content) ? 'unchanged' : 'changed';
}

interface Staged {
  readonly target: OutputTarget;
  readonly temp: string;
  backup: string | null;
  renamed: boolean;
}

/**
 * Writes every file or none. Each regular file is staged in a temporary file beside its target (with the mode
 * and owner of the file it replaces); then each old file is kept as a hard link (or a copy) while the staged
 * ones are renamed into place, and devices and FIFOs are written; if any step fails, every file renamed so far
 * is put back and every temporary file removed. Missing output folders are made, and removed again on failure.
 * Files whose bytes would not change are left alone.
 */
export async function writeAllOrNothing(
  files: readonly PlannedFile[],
  options: CommitOptions = {},
): Promise<WriteOutcome> {
  const fs = options.fs ?? nodeCommitFs;
  const targets = planCommit(files, options);
  const outcome: WriteOutcome = { written: [], unchanged: [] };
  const staged: Staged[] = [];
  const straight: { target: OutputTarget; content: Content }[] = [];
  const folders: string[] = [];
  const readers: number[] = [];
  let failedAt = files[0]?.path ?? '';
  try {
    for (const [i, file] of files.entries()) {
      const target = targets[i] as OutputTarget;
      failedAt = file.path;
      if (target.straight) {
        straight.push({ target, content: file.content });
        continue;
      }
      if (stateOf(target, file.content) === 'unchanged') {
        outcome.unchanged.push(file.path);
        continue;
      }
      makeFolders(fs, dirname(target.path), folders);
      removeLeftovers(fs, target.path);
      const temp = tempName(target.path, 'tmp');
      stagedFiles.addFile(temp);
      staged.push({ target, temp, backup: null, renamed: false });
      await writeStaged(fs, temp, target, file.content);
      await nextTurn(); // a signal may land between two staged files too
    }
    // A FIFO is opened only once something reads it, waiting here, where a signal can still end the run.
    for (const { target } of straight) {
      failedAt = target.given;
      const held = await readerOf(target);
      if (held !== null) readers.push(held);
    }
    // From here on nothing awaits: a signal cannot land between two renames.
    for (const entry of staged) {
      failedAt = entry.target.given;
      if (entry.target.existing !== undefined) entry.backup = keepOld(fs, entry.target.path);
      fs.renameSync(entry.temp, entry.target.path);
      entry.renamed = true;
      stagedFiles.dropFile(entry.temp);
    }
    for (const { target, content } of straight) {
      failedAt = target.given;
      writeStraight(fs, target, content);
    }
  } catch (error) {
    rollBack(fs, staged, folders);
    for (const fd of readers) quietly(() => closeSync(fd));
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(
      `cannot write '${failedAt}': ${describeWriteError(error)}`,
      'nothing was changed; check the output folder and free disk space',
    );
  }
  for (const fd of readers) quietly(() => closeSync(fd));
  for (const entry of staged) {
    if (entry.backup !== null) quietly(() => fs.unlinkSync(entry.backup as string));
    outcome.written.push(entry.target.given);
  }
  for (const folder of folders) stagedFiles.dropFolder(folder);
  outcome.written.push(...straight.map(s => s.target.given));
  return outcome;
}

/** Makes the missing folders above a file, top down, remembering each so a failure can remove it. */
function makeFolders(fs: CommitFs, folder: string, made: string[]): void {
  const missing: string[] = [];
  for (let at = folder; statOf(at, false) === undefined; at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing.reverse()) {
    fs.mkdirSync(path);
    made.push(path);
    stagedFiles.addFolder(path);
  }
}

async function writeStaged(fs: CommitFs, temp: string, target: OutputTarget, content: Content): Promise<void> {
  const fd = fs.openSync(temp, 'wx', 0o666);
  try {
    const old = target.existing;
    if (old !== undefined) {
      fs.fchmodSync(fd, old.mode & 0o7777);
      // Keep the owner where we may (as root); elsewhere the file is ours, as any new file would be.
      quietly(() => fs.fchownSync(fd, old.uid, old.gid));
    }
    let sinceTurn = 0;
    for (const piece of contentPieces(content)) {
      for (let at = 0; at < piece.length; ) {
        const wrote = fs.writeSync(fd, piece, at, Math.min(piece.length - at, 1 << 20));
        at += wrote;
        sinceTurn += wrote;
        // Let a signal in now and then: the handler removes the staged files before the process exits.
        if (sinceTurn >= 4 << 20) {
          sinceTurn = 0;
          await nextTurn();
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Keeps the file about to be replaced as a hard link (or a copy, where links are refused) until the commit ends. */
function keepOld(fs: CommitFs, path: string): string {
  const backup = tempName(path, 'old');
  try {
    fs.linkSync(path, backup);
  } catch {
    fs.copyFileSync(path, backup);
  }
  return backup;
}

/**
 * For a FIFO, a descriptor opened once a reader is there, held until the write is done; null for other targets.
 * Opening a FIFO to write blocks until something reads it, and a blocked open would let no signal through:
 * it is tried without blocking until a reader comes. The held descriptor keeps the reader from seeing the end
 * of the stream before the write opens its own.
 */
async function readerOf(target: OutputTarget): Promise<number | null> {
  if (target.fd !== null || target.existing?.isFIFO() !== true) return null;
  for (;;) {
    try {
      return openSync(target.path, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
    }
    await sleep(50);
  }
}

function writeStraight(fs: CommitFs, target: OutputTarget, content: Content): void {
  const fd = target.fd ?? fs.openSync(target.path, 'w');
  try {
    for (const piece of contentPieces(content))
      for (let at = 0; at < piece.length; ) at += fs.writeSync(fd, piece, at, piece.length - at);
  } finally {
    if (target.fd === null) fs.closeSync(fd);
  }
}

function rollBack(fs: CommitFs, staged: readonly Staged[], folders: string[]): void {
  for (const entry of [...staged].reverse()) {
    if (entry.renamed) {
      if (entry.backup !== null) quietly(() => fs.renameSync(entry.backup as string, entry.target.path));
      else quietly(() => fs.unlinkSync(entry.target.path));
    } else {
      quietly(() => fs.unlinkSync(entry.temp));
      if (entry.backup !== null) quietly(() => fs.unlinkSync(entry.backup as string));
    }
    stagedFiles.dropFile(entry.temp);
  }
  for (const folder of folders.reverse()) {
    quietly(() => fs.rmdirSync(folder));
    stagedFiles.dropFolder(folder);
  }
}

function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // best effort: the error that caused the roll-back is the one reported
  }
}
