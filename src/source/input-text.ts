import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { DatasetError } from '../errors.js';
import { describeFsError, statPath } from '../scan/folder-fs.js';

/**
 * The largest file read whole (lists, label maps, annotation CSVs, configs, manifests): 256 MiB, twice the
 * largest manifest of Kinetics-700 and far below V8's longest string, so no input can exhaust memory.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
/** The longest line of a text input; a longer one is not a list, a CSV or a manifest row. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const MIB = 1024 * 1024;

/**
 * A path's `stat`, refusing what cannot be read whole: a missing file, a folder, and anything not a regular
 * file (`/dev/zero`, `/dev/urandom`, a FIFO), which could be endless or block forever.
 */
export function statInputFile(path: string, option: string): Stats {
  let stats: Stats | undefined;
  try {
    stats = statPath(path);
  } catch (error) {
    throw new DatasetError(`${option} ${path}: ${describeFsError(error)}`, 'check the file name');
  }
  if (stats === undefined) throw new DatasetError(`${option} ${path}: does not exist`, 'check the file name');
  if (stats.isDirectory()) throw new DatasetError(`${option} ${path}: is a folder, not a file`, 'name a file');
  if (!stats.isFile())
    throw new DatasetError(
      `${option} ${path}: is a device, pipe or socket, not a regular file`,
      'save the input to a file first, then name that file',
    );
  return stats;
}

/**
 * Reads a text input whole, with a byte-order mark removed: a regular file of at most MAX_INPUT_BYTES whose
 * lines are at most MAX_LINE_BYTES. Every failure is a one-line error naming the option and the file.
 */
export function readInputText(path: string, option: string): string {
  statInputFile(path, option);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new DatasetError(`${option} ${path}: ${describeFsError(error)}`, 'check the file name');
  }
  let bytes: Buffer;
  try {
    bytes = readCapped(fd, path, option);
  } finally {
    closeSync(fd);
  }
  checkLineLengths(bytes, path, option);
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function readCapped(fd: number, path: string, option: string): Buffer {
  const tooLarge = (): DatasetError =>
    new DatasetError(
      `${option} ${path}: larger than ${MAX_INPUT_BYTES / MIB} MiB, the limit for an input read whole`,
      'is it the right file? split it, or slice an index made by k400-slice scan',
    );
  const size = fstatSync(fd).size;
  if (size > MAX_INPUT_BYTES) throw tooLarge();
  // The size may have changed since the stat: read until the end, never past the cap.
  const pieces: Buffer[] = [];
  let total = 0;
  for (;;) {
    const piece = Buffer.allocUnsafe(Math.min(Math.max(size - total, 64 * 1024), MAX_INPUT_BYTES + 1 - total));
    let read: number;
    try {
      read = readSync(fd, piece, 0, piece.length, null);
    } catch (error) {
      throw new DatasetError(`${option} ${path}: ${describeFsError(error)}`, 'check the file and its disk');
    }
    if (read === 0) break;
    pieces.push(piece.subarray(0, read));
    total += read;
    if (total > MAX_INPUT_BYTES) throw tooLarge();
  }
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, total);
}

/** Refuses a line longer than MAX_LINE_BYTES, naming it (1-based). */
export function checkLineLengths(bytes: Buffer, path: string, option: string): void {
  if (bytes.length <= MAX_LINE_BYTES) return;
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(10, start);
    const stop = end < 0 ? bytes.length : end;
    if (stop - start > MAX_LINE_BYTES) throw lineTooLong(path, option, line);
    start = stop + 1;
  }
}

export function lineTooLong(path: string, option: string, line: number): DatasetError {
  return new DatasetError(
    `${option} ${path}: line ${line} is longer than ${MAX_LINE_BYTES / MIB} MiB`,
    'is it the right file? a list, CSV or manifest has short lines',
  );
}
