import { hash32 } from '../hash/string-hash.js';

/**
 * Numbers (rows, files) found by a string key, kept in typed arrays: an open-addressing table of the numbers,
 * placed by a hash of their key and checked against the key itself, which `keyOf` gives. For the 630,000
 * clip ids of a Kinetics-700 join, two Maps of strings held about 150 MB while they were filled; this holds
 * 16 MB, and makes a key's string only to compare it.
 */
export class StringIndex {
  // Each slot's number plus one (0: empty), and its key's hash, to compare before the key.
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  // A different hash each run: keys made to collide (a file of crafted ids) cannot be made in advance. What a
  // key finds never depends on it, only how soon.
  private readonly salt = Math.floor(Math.random() * 2 ** 32);

  /** `count`: the most numbers that will be added; the table is made for it once. */
  constructor(
    count: number,
    private readonly keyOf: (n: number) => string,
  ) {
    let size = 16;
    // At most two slots in three full: probes stay short.
    while (size < count * 1.5) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The number added under `key`, or -1. */
  find(key: string): number {
    const hash = hash32(key, this.salt);
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const held = this.slots[at] as number;
      if (held === 0) return -1;
      if (this.hashes[at] === hash && this.keyOf(held - 1) === key) return held - 1;
    }
  }

  /** Adds `n` under its key unless a number is there already: returns that number, or -1 when `n` went in. */
  add(n: number, key = this.keyOf(n)): number {
    const hash = hash32(key, this.salt);
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const held = this.slots[at] as number;
      if (held === 0) {
        this.slots[at] = n + 1;
        this.hashes[at] = hash;
        return -1;
      }
      if (this.hashes[at] === hash && this.keyOf(held - 1) === key) return held - 1;
    }
  }
}
