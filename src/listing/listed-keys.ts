import { constants } from 'node:buffer';
import { DatasetError } from '../errors.js';
import type { ListedObject } from './listing.js';

/**
 * The keys and sizes a listing names, as columns: every key's UTF-8 bytes one after another in one buffer,
 * where each ends in a typed array, and the sizes in another. 650,000 keys are three allocations, not
 * 650,000 objects; a key becomes a string only when something asks for it.
 */
export class ListedKeys {
  private bytes: Buffer;
  private used = 0;
  private ends = new Float64Array(1 << 12);
  private sizes = new Float64Array(1 << 12);
  private n = 0;

  /**
   * `sizeHint`: the bytes of the text the keys come from, which they fit in: one allocation of that many,
   * whose pages the system backs only as keys fill them, spares copying as the keys grow.
   */
  constructor(sizeHint = 0) {
    this.bytes = Buffer.allocUnsafe(Math.min(Math.max(sizeHint, 1 << 20), constants.MAX_LENGTH));
  }

  get count(): number {
    return this.n;
  }

  /** The buffer the keys' bytes are in: valid until the next push. */
  get buffer(): Buffer {
    return this.bytes;
  }

  /** Adds the key held in `src[start, end)`, copying its bytes. */
  pushBytes(src: Buffer, start: number, end: number, size: number): void {
    this.room(end - start);
    const bytes = this.bytes;
    // A key is tens of bytes: a loop copies it faster than a call into Buffer.copy.
    if (end - start < 256) for (let i = start, at = this.used; i < end; i++, at++) bytes[at] = src[i] as number;
    else src.copy(bytes, this.used, start, end);
    this.used += end - start;
    this.close(size);
  }

  /** Adds a key given as a string. */
  push(key: string, size: number): void {
    const length = Buffer.byteLength(key, 'utf8');
    this.room(length);
    this.used += this.bytes.write(key, this.used, 'utf8');
    this.close(size);
  }

  start(i: number): number {
    return i === 0 ? 0 : (this.ends[i - 1] as number);
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  size(i: number): number {
    return this.sizes[i] as number;
  }

  /** The key of row `i`, or its part from byte `from` (of the key) on. */
  key(i: number, from = 0): string {
    return this.bytes.toString('utf8', this.start(i) + from, this.end(i));
  }

  /** Whether key `i` starts with these bytes. */
  startsWith(i: number, prefix: Buffer): boolean {
    const start = this.start(i);
    if (this.end(i) - start < prefix.length) return false;
    for (let at = 0; at < prefix.length; at++) if (this.bytes[start + at] !== prefix[at]) return false;
    return true;
  }

  /**
   * Compares two byte ranges of the keys' buffer in byte order (UTF-8's order is code-point order), as
   * -1, 0 or 1; in a loop, as keys are short and most differ early.
   */
  compare(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
    const bytes = this.bytes;
    const length = Math.min(aEnd - aStart, bEnd - bStart);
    for (let at = 0; at < length; at++) {
      const a = bytes[aStart + at] as number;
      const b = bytes[bStart + at] as number;
      if (a !== b) return a < b ? -1 : 1;
    }
    return Math.sign(aEnd - aStart - (bEnd - bStart));
  }

  /** True when some key holds a NUL byte: one scan of the bytes, so each key is looked at only then. */
  anyNul(): boolean {
    return this.bytes.subarray(0, this.used).includes(0);
  }

  /** The keys as objects: for tests and small listings. */
  objects(): ListedObject[] {
    return Array.from({ length: this.n }, (_, i) => ({ key: this.key(i), size: this.size(i) }));
  }

  private room(length: number): void {
    if (this.used + length <= this.bytes.length) return;
    const wanted = Math.max(this.bytes.length * 2, this.used + length);
    if (this.used + length > constants.MAX_LENGTH)
      throw new DatasetError(
        `the listing's keys take more than ${constants.MAX_LENGTH / 2 ** 30} GiB, more than one process can hold`,
        'list a narrower prefix, or slice an index made by scan -o INDEX.parquet',
      );
    const grown = Buffer.allocUnsafe(Math.min(wanted, constants.MAX_LENGTH));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }

  private close(size: number): void {
    if (this.n === this.ends.length) {
      const ends = new Float64Array(this.n * 2);
      ends.set(this.ends);
      this.ends = ends;
      const sizes = new Float64Array(this.n * 2);
      sizes.set(this.sizes);
      this.sizes = sizes;
    }
    this.ends[this.n] = this.used;
    this.sizes[this.n] = size;
    this.n += 1;
  }
}
