import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describeFsError } from '../scan/folder-fs.js';
import { MAX_INPUT_BYTES, statInputFile } from '../source/input-text.js';
import { listingError } from './listing.js';

// Listings are read whole: the text of `aws s3 ls` for Kinetics-700 is about 60 MB, well inside the cap.

/** The first bytes of a file (fewer when it is shorter), for telling formats apart. */
export function headBytes(path: string, length = 4096): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** True for gzip's magic bytes: inventory data files are `.csv.gz`, and any listing may be gzipped. */
export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A listing file's text, unzipped when it is gzip, without a byte-order mark. A truncated or damaged gzip
 * stream, a file too large and bytes that are not UTF-8 are each one error naming the file.
 */
export function readListingText(path: string, file: string): string {
  const stats = statInputFile(path, 'listing');
  if (stats.size > MAX_INPUT_BYTES)
    throw listingError(file, `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`, undefined);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw listingError(file, describeFsError(error));
  }
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES });
    } catch (error) {
      throw listingError(file, `not a whole gzip file (${(error as Error).message})`);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw listingError(file, 'not UTF-8 text');
  }
  return text.replace(/^\uFEFF/, '');
}

/** Lines without their CR (a listing saved on Windows), the last one dropped when the text ends in a newline. */
export function listingLines(text: string): string[] {
  const lines = text.split('\n').map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
