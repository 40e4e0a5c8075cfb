import { md5Words } from '../hash/md5.js';

/**
 * Fingerprint of a dataset's content as far as selection can see it: the sum, modulo 2^128, of
 * MD5(`<clip id>\t<size in bytes>`) over every clip read, each digest read as a 128-bit integer (size
 * empty when unknown). A sum does not depend on the order the clips come in, so it needs no sort of
 * 650,000 ids, scan threads can each sum their share, and it ignores where the root is and how the clips
 * are arranged in folders. In Python:
 *   sum(int(md5(f'{clip_id}\t{size}'.encode()).hexdigest(), 16) for ...) % 2**128
 */
export class ContentFingerprint {
  // Four 32-bit lanes, most significant first, kept as exact integers: each add moves a lane by less than
  // 2^32, so carrying every 2^19 adds keeps every lane below 2^53, where doubles stop being exact.
  private readonly lanes = [0, 0, 0, 0];
  private readonly words = new Uint32Array(4);
  private pending = 0;

  add(clipId: string, sizeBytes: number | null, sign: 1 | -1 = 1): this {
    return this.addText(`${clipId}\t${sizeBytes ?? ''}`, sign);
  }

  /** Adds MD5 of any text: a source without files sums its annotation rows instead. */
  addText(text: string, sign: 1 | -1 = 1): this {
    md5Words(text, this.words);
    for (let i = 0; i < 4; i++) this.lanes[i] = (this.lanes[i] as number) + sign * (this.words[i] as number);
    if (++this.pending === 1 << 19) this.carry();
    return this;
  }

  /** Takes a clip back out, for duplicates dropped after the scan threads summed them. */
  remove(clipId: string, sizeBytes: number | null): this {
    return this.add(clipId, sizeBytes, -1);
  }

  /** Adds another fingerprint's sums: the scan threads each send theirs. */
  merge(lanes: readonly number[]): this {
    for (let i = 0; i < 4; i++) this.lanes[i] = (this.lanes[i] as number) + (lanes[i] as number);
    return this.carry();
  }

  /** The lanes to send to another thread. */
  toLanes(): number[] {
    return [...this.carry().lanes];
  }

  digest(): string {
    this.carry();
    return `md5-sum:${this.lanes.map(lane => lane.toString(16).padStart(8, '0')).join('')}`;
  }

  // Moves everything above 32 bits of each lane into the next more significant one; the top lane wraps.
  private carry(): this {
    this.pending = 0;
    for (let i = 3; i >= 0; i--) {
      const lane = this.lanes[i] as number;
      const high = Math.floor(lane / 2 ** 32);
      this.lanes[i] = lane - high * 2 ** 32;
      if (i > 0) this.lanes[i - 1] = (this.lanes[i - 1] as number) + high;
    }
    return this;
  }
}
