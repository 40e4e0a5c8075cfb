// Rows a joined string holds: small enough that a slice of it is quick to make, large enough that the
// strings cost their characters and little else.
const BLOCK = 4096;

// Characters a block may join into one string: V8 refuses a string of more than about 2^29, which a block of
// 4,096 very long ids (an annotation file of 180 KB youtube ids) would pass. A longer block keeps its strings.
const MAX_JOINED = 1 << 26;

/**
 * Strings appended one a row and kept as one joined string a block of rows, with where each ends: 650,000
 * clip ids are then 160 strings rather than 650,000, and cost little more than their characters. A block
 * whose strings would join into more than `maxJoined` characters keeps them as they are.
 */
export class StringColumn {
  private readonly blocks: (string | string[])[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private ends = new Uint32Array(BLOCK);
  private length = 0;

  constructor(private readonly maxJoined = MAX_JOINED) {}

  push(text: string): void {
    const row = this.length++;
    if (row === this.ends.length) {
      const bigger = new Uint32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    // Where each row ends in its block's joined string; not used by a block kept as strings.
    const start = row % BLOCK === 0 ? 0 : (this.ends[row - 1] as number);
    this.ends[row] = Math.min(start + text.length, 0xffffffff);
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pending.length === BLOCK) this.seal();
  }

  /** Joins the rows not yet joined: after the last push, and whenever a block fills. */
  seal(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(this.pendingChars > this.maxJoined ? this.pending : this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  get(row: number): string {
    const block = Math.floor(row / BLOCK);
    const within = row % BLOCK;
    const text = block < this.blocks.length ? this.blocks[block] : undefined;
    if (text === undefined) return this.pending[within] as string;
    if (typeof text !== 'string') return text[within] as string;
    const start = within === 0 ? 0 : (this.ends[row - 1] as number);
    return text.slice(start, this.ends[row]);
  }
}

/** Values that repeat (a folder, an extension, a label), each kept once and named by a number. */
export class Interned<T> {
  private readonly list: T[] = [];
  private readonly index = new Map<T, number>();

  of(value: T): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.list.length;
      this.list.push(value);
      this.index.set(value, at);
    }
    return at;
  }
  at(index: number): T {
    return this.list[index] as T;
  }
  values(): readonly T[] {
    return this.list;
  }
}
