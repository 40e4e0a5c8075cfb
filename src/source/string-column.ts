// Rows a joined string holds: small enough that a slice of it is quick to make, large enough that the
// strings cost their characters and little else.
const BLOCK = 4096;

/**
 * Strings appended one a row and kept as one joined string a block of rows, with where each ends: 650,000
 * clip ids are then 160 strings rather than 650,000, and cost little more than their characters.
 */
export class StringColumn {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private ends = new Uint32Array(BLOCK);
  private length = 0;

  push(text: string): void {
    const row = this.length++;
    if (row === this.ends.length) {
      const bigger = new Uint32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    const start = row % BLOCK === 0 ? 0 : (this.ends[row - 1] as number);
    this.ends[row] = start + text.length;
    this.pending.push(text);
    if (this.pending.length === BLOCK) this.seal();
  }

  /** Joins the rows not yet joined: after the last push, and whenever a block fills. */
  seal(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(this.pending.join(''));
    this.pending = [];
  }

  get(row: number): string {
    const block = Math.floor(row / BLOCK);
    const within = row % BLOCK;
    const text = block < this.blocks.length ? (this.blocks[block] as string) : undefined;
    if (text === undefined) return this.pending[within] as string;
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
