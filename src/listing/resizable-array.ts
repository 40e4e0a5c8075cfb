// TypeScript's ES2023 library predates resizable ArrayBuffers (ES2024), which Node has had since 20.
interface ResizableArrayBuffer extends ArrayBuffer {
  resize(byteLength: number): void;
}
const ResizableArrayBuffer = ArrayBuffer as unknown as new (
  byteLength: number,
  options: { maxByteLength: number },
) => ResizableArrayBuffer;

/**
 * An array whose memory goes back to the system the moment it shrinks: a resizable ArrayBuffer, whose pages
 * V8 decommits as it shrinks. A plain buffer's memory goes back only when a full collection finds it
 * unreachable: a listing's keys, done with once the walk had read their names, were still held while the
 * slice rendered its manifest. All the room asked for is usable from the start, since the system backs a
 * page only once it is written; so its views are made once, and again only when it grows or shrinks.
 *
 * V8 (in Node 20) reads and writes a Buffer over a resizable buffer several times slower than a plain one
 * in a loop, and a Uint8Array or Float64Array over one not much slower: `views` makes what the array is
 * read through, and what is done byte by byte is best done with one call (`set`, `copyWithin`, `compare`).
 */
export class ResizableArray<V> {
  views: V;
  private store: ResizableArrayBuffer;

  /** `length` elements of `width` bytes, seen through `viewsOf(buffer, length)`. */
  constructor(
    private readonly viewsOf: (buffer: ArrayBuffer, length: number) => V,
    private readonly width: number,
    private length: number,
  ) {
    this.store = new ResizableArrayBuffer(length * width, { maxByteLength: length * width });
    this.views = viewsOf(this.store, length);
  }

  /** Makes room for `length` elements, more than there is room for: a new buffer, and the old one back. */
  grow(length: number): void {
    if (length <= this.length) return;
    const store = new ResizableArrayBuffer(length * this.width, { maxByteLength: length * this.width });
    new Uint8Array(store).set(new Uint8Array(this.store));
    this.store.resize(0);
    this.store = store;
    this.length = length;
    this.views = this.viewsOf(store, length);
  }

  /** Keeps the first `length` elements: the memory past them goes back to the system now. */
  shrink(length: number): void {
    if (length >= this.length) return;
    this.store.resize(length * this.width);
    this.length = length;
    this.views = this.viewsOf(this.store, length);
  }
}

/** Bytes, as a Buffer (for its methods) and as a Uint8Array (for `set` and `copyWithin`). */
export function resizableBytes(length: number): ResizableArray<{ buffer: Buffer; raw: Uint8Array }> {
  return new ResizableArray(
    (buffer, n) => ({ buffer: Buffer.from(buffer, 0, n), raw: new Uint8Array(buffer, 0, n) }),
    1,
    length,
  );
}

/** Numbers, as a Float64Array. */
export function resizableFloats(length: number): ResizableArray<Float64Array> {
  return new ResizableArray((buffer, n) => new Float64Array(buffer, 0, n), 8, length);
}
