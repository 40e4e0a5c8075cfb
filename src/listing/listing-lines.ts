import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { DatasetError } from '../errors.js';
import { describeFsError } from '../scan/folder-fs.js';
import { MAX_LINE_BYTES, statInputFile } from '../source/input-text.js';
import { listingError } from './listing.js';
import { headBytes, isGzip } from './listing-text.js';

// A listing is read a block at a time and its lines handed over as byte ranges: no string of the whole
// file, no array of its lines. The text of `aws s3 ls` for 10^7 keys is about 900 MB; only its keys stay.

/**
 * One line of a listing: `buf[start, end)`, without its `\n` or `\r\n`, numbered from 1. The buffer is
 * reused for the next block: copy what is kept.
 */
export type LineHandler = (buf: Buffer, start: number, end: number, line: number) => void;

/** The lines of a listing: `read` hands each to a handler, in order, or rejects with one error naming the file. */
export interface LineSource {
  read(onLine: LineHandler): Promise<void>;
  /** About how many bytes the text holds (its file's size), to size what is kept from it. */
  readonly sizeHint: number;
}

const BLOCK = 4 * 1024 * 1024;
// Gzip files up to this size are unzipped in one call, when their text is at most SMALL_GZIP_TEXT. A larger
// one is streamed: its text read whole is let go of only at a full collection, and the four 3.4 MB data files
// of the bench's S3 Inventory held 80 MB of it at the slice's peak, while streaming them costs no more time.
const SMALL_GZIP = 1024 * 1024;
const SMALL_GZIP_TEXT = 512 * 1024 * 1024;

/** Splits blocks of bytes into lines, across block ends; checks UTF-8 and drops a byte-order mark. */
class LineSplitter {
  private carry: Buffer | null = null;
  private line = 0;
  private first = true;
  constructor(
    private readonly file: string,
    private readonly onLine: LineHandler,
  ) {}

  push(block: Buffer): void {
    let buf = block;
    if (this.carry !== null) {
      // The line cut by the last block's end is completed on its own; the rest of this block is read in place.
      const nl = block.indexOf(10);
      if (nl < 0) {
        this.keep(Buffer.concat([this.carry, block]));
        return;
      }
      if (this.carry.length + nl > MAX_LINE_BYTES) this.tooLong();
      const line = Buffer.concat([this.carry, block.subarray(0, nl + 1)]);
      this.carry = null;
      this.push(line);
      buf = block.subarray(nl + 1);
    }
    if (this.first) {
      // The byte-order mark is judged once three bytes or a whole line have come.
      if (buf.length < 3 && buf.indexOf(10) < 0) {
        this.keep(buf);
        return;
      }
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      this.keep(buf);
      return;
    }
    // A line ends at a '\n', never inside a UTF-8 sequence: the whole lines are checked at once.
    if (!isUtf8(buf.subarray(0, last + 1))) throw listingError(this.file, 'not UTF-8 text');
    let start = 0;
    while (start <= last) {
      const nl = buf.indexOf(10, start);
      this.emit(buf, start, nl);
      start = nl + 1;
    }
    if (start < buf.length) this.keep(buf.subarray(start));
  }

  end(): void {
    const rest = this.carry;
    this.carry = null;
    if (rest === null || rest.length === 0) return;
    const buf = this.first && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf ? rest.subarray(3) : rest;
    if (!isUtf8(buf)) throw listingError(this.file, 'not UTF-8 text');
    if (buf.length > 0) this.emit(buf, 0, buf.length);
  }

  private emit(buf: Buffer, start: number, nl: number): void {
    const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
    this.line += 1;
    this.onLine(buf, start, end, this.line);
  }

  private tooLong(): never {
    const limit = `${MAX_LINE_BYTES / 1024 / 1024} MiB`;
    throw listingError(this.file, `a line longer than ${limit}: not a listing`, this.line + 1);
  }

  private keep(rest: Buffer): void {
    if (rest.length > MAX_LINE_BYTES) this.tooLong();
    // A copy: the block it is part of is reused.
    this.carry = Buffer.from(rest);
  }
}

/** The lines of a listing file, unzipped as they are read when it is gzip. */
export function fileLines(path: string, file: string): LineSource {
  const stats = statInputFile(path, 'listing');
  return {
    sizeHint: stats.size,
    async read(onLine) {
      const splitter = new LineSplitter(file, onLine);
      if (!isGzip(headBytes(path, 2))) readInto(path, file, splitter);
      else if (stats.size > SMALL_GZIP || !gunzipWhole(path, file, splitter)) await gunzipInto(path, file, splitter);
      splitter.end();
    },
  };
}

function readInto(path: string, file: string, splitter: LineSplitter): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw listingError(file, describeFsError(error));
  }
  try {
    const block = Buffer.allocUnsafe(BLOCK);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, block, 0, BLOCK, null);
      } catch (error) {
        throw listingError(file, describeFsError(error));
      }
      if (n === 0) break;
      splitter.push(block.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A small gzip file (at most SMALL_GZIP) is unzipped in one call, which spares a stream's set-up. Returns
 * false, having read nothing, when its text would pass the cap: it is then streamed.
 */
function gunzipWhole(path: string, file: string, splitter: LineSplitter): boolean {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw listingError(file, describeFsError(error));
  }
  let text: Buffer;
  try {
    text = gunzipSync(bytes, { maxOutputLength: SMALL_GZIP_TEXT });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return false;
    throw listingError(file, `not a whole gzip file (${(error as Error).message})`);
  }
  splitter.push(text);
  return true;
}

/**
 * A damaged gzip stream can unzip to lines of garbage before its checksum, at its end, says so. A line's
 * error is therefore held while the rest is unzipped (and not read): a damaged file is named as such, as when
 * it is unzipped in one call, and not by the line its damage made.
 */
async function gunzipInto(path: string, file: string, splitter: LineSplitter): Promise<void> {
  const gunzip = createGunzip({ chunkSize: 1024 * 1024 });
  const input = createReadStream(path, { highWaterMark: 1024 * 1024 });
  input.on('error', error => gunzip.destroy(error));
  input.pipe(gunzip);
  let lineError: { error: unknown } | null = null;
  try {
    for await (const block of gunzip) {
      if (lineError !== null) continue;
      try {
        splitter.push(block as Buffer);
      } catch (error) {
        lineError = { error };
      }
    }
    if (lineError !== null) throw lineError.error;
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith('Z_') === true)
      throw listingError(file, `not a whole gzip file (${(error as Error).message})`);
    throw listingError(file, describeFsError(error));
  } finally {
    input.destroy();
  }
}

/** The lines of a text held in memory (tests, and text already read). */
export function textLines(text: string, file = 'text'): LineSource {
  return {
    sizeHint: text.length,
    async read(onLine) {
      const splitter = new LineSplitter(file, onLine);
      splitter.push(Buffer.from(text, 'utf8'));
      splitter.end();
    },
  };
}
