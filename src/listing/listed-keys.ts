import { constants } from 'node:buffer';
import { DatasetError } from '../errors.js';
import type { ListedObject } from './listing.js';
import { type ResizableArray, resizableBytes, resizableFloats } from './resizable-array.js';

/**
 * The keys and sizes a listing names, as columns: every key's UTF-8 bytes one after another in one buffer,
 * where each ends in a typed array, and the sizes in another. 650,000 keys are three arrays, not 650,000
 * objects; a key becomes a string only when something asks for it. The arrays give their memory back as
 * soon as they are done with (ResizableArray): once a tree of the keys is built only its files' names are
 * kept (`keepFrom`), and once a walk has read those, nothing (`release`).
 */
export class ListedKeys {
  private readonly store: {
    readonly bytes: ResizableArray<{ buffer: Buffer; raw: Uint8Array }>;
    readonly ends: ResizableArray<Float64Array>;
    readonly sizes: ResizableArray<Float64Array>;
  };
  // The stores' views, read on every key.
  private bytes: Buffer;
  private raw: Uint8Array;
  private ends: Float64Array;
  private sizes: Float64Array;
  private used = 0;
  private n = 0;
  private released = false;

  /**
   * `sizeHint`: the bytes of the text the keys come from, which they mostly fit in. Room for that many
   * bytes, and for a key every 32 of them, is made at once: the system backs a page only once it is written,
   * and the keys need not be copied as they come.
   */
  constructor(sizeHint = 0) {
    const keys = Math.max(Math.ceil(sizeHint / 32), 1 << 12);
    this.store = {
      bytes: resizableBytes(Math.min(Math.max(sizeHint, 1 << 20), constants.MAX_LENGTH)),
      ends: resizableFloats(keys),
      sizes: resizableFloats(keys),
    };
    ({ buffer: this.bytes, raw: this.raw } = this.store.bytes.views);
    this.ends = this.store.ends.views;
    this.sizes = this.store.sizes.views;
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
    // One call: quicker than a loop over the bytes of a resizable buffer (see ResizableArray).
    this.raw.set(src.subarray(start, end), this.used);
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
    if (this.released) throw new Error('ListedKeys: a key was read after release()');
    return this.bytes.toString('utf8', this.start(i) + from, this.end(i));
  }

  /**
   * Keeps of key `i` only its bytes from `from[i]` on, and nothing of a key whose `from` is -1, moving them
   * down in place; the memory past them goes back at once. A tree of the keys holds each folder's path once,
   * so its files need only their names: about half the bytes of Kinetics keys.
   */
  keepFrom(from: Int32Array): void {
    const { raw, ends } = this;
    // Bytes only move down (each key keeps a tail of itself), so one pass from the start overwrites nothing
    // still to be read (copyWithin moves overlapping bytes correctly). A key's old start is the old end
    // before it, read before that end is rewritten.
    let oldStart = 0;
    let used = 0;
    for (let i = 0; i < this.n; i++) {
      const oldEnd = ends[i] as number;
      const start = oldStart + (from[i] as number);
      if (start >= oldStart) {
        raw.copyWithin(used, start, oldEnd);
        used += oldEnd - start;
      }
      ends[i] = used;
      oldStart = oldEnd;
    }
    this.used = used;
    this.store.bytes.shrink(used);
    this.store.ends.shrink(this.n);
    this.store.sizes.shrink(this.n);
    this.views();
  }

  /**
   * Gives the keys' bytes, ends and sizes back now, once what was read from them is kept elsewhere: a
   * walk's clip table holds every name it needs. `count` stays; reading a key from then on throws.
   */
  release(): void {
    this.released = true;
    this.store.bytes.shrink(0);
    this.store.ends.shrink(0);
    this.store.sizes.shrink(0);
    this.views();
  }

  /** Whether key `i` starts with these bytes. */
  startsWith(i: number, prefix: Buffer): boolean {
    const start = this.start(i);
    if (this.end(i) - start < prefix.length) return false;
    const raw = this.raw;
    for (let at = 0; at < prefix.length; at++) if (raw[start + at] !== prefix[at]) return false;
    return true;
  }

  /**
   * Compares two byte ranges of the keys' buffer in byte order (UTF-8's order is code-point order), as
   * -1, 0 or 1; in a loop, as keys are short and most differ early.
   */
  compare(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
    const raw = this.raw;
    const length = Math.min(aEnd - aStart, bEnd - bStart);
    for (let at = 0; at < length; at++) {
      const a = raw[aStart + at] as number;
      const b = raw[bStart + at] as number;
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
    if (this.used + length > constants.MAX_LENGTH)
      throw new DatasetError(
        `the listing's keys take more than ${constants.MAX_LENGTH / 2 ** 30} GiB, more than one process can hold`,
        'list a narrower prefix, or slice an index made by scan -o INDEX.parquet',
      );
    this.store.bytes.grow(Math.min(Math.max(this.used + length, 2 * this.bytes.length), constants.MAX_LENGTH));
    this.views();
  }

  private close(size: number): void {
    if (this.n === this.ends.length) {
      this.store.ends.grow(2 * this.n);
      this.store.sizes.grow(2 * this.n);
      this.views();
    }
    this.ends[this.n] = this.used;
    this.sizes[this.n] = size;
    this.n += 1;
  }

  private views(): void {
    ({ buffer: this.bytes, raw: this.raw } = this.store.bytes.views);
    this.ends = this.store.ends.views;
    this.sizes = this.store.sizes.views;
  }
}
