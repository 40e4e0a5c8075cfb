/**
 * A folder's rows of a listing, in listing order, as runs of consecutive row numbers. A listing sorted by key
 * (as every tool writes one) names a folder's files one after another, so a folder's rows are one run: two
 * numbers rather than one a file, which for 650,000 keys was 7 MB of arrays, and their copies as they grew,
 * still held when the slice rendered its manifest. An unsorted listing takes at most twice the numbers.
 */
export class RowRuns {
  // Each run as its first row and the row after its last.
  private runs: number[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(row: number): void {
    const last = this.runs.length - 1;
    if (last > 0 && this.runs[last] === row) this.runs[last] = row + 1;
    else this.runs.push(row, row + 1);
    this.n += 1;
  }

  forEach(visit: (row: number) => void): void {
    const runs = this.runs;
    for (let r = 0; r < runs.length; r += 2)
      for (let row = runs[r] as number, end = runs[r + 1] as number; row < end; row++) visit(row);
  }

  /** Whether `test` holds for some row, reading rows only until it does. */
  some(test: (row: number) => boolean): boolean {
    const runs = this.runs;
    for (let r = 0; r < runs.length; r += 2)
      for (let row = runs[r] as number, end = runs[r + 1] as number; row < end; row++) if (test(row)) return true;
    return false;
  }

  toArray(): number[] {
    const rows: number[] = [];
    this.forEach(row => {
      rows.push(row);
    });
    return rows;
  }

  /** Keeps only `rows`, in their order. */
  replace(rows: readonly number[]): void {
    this.runs = [];
    this.n = 0;
    for (const row of rows) this.push(row);
  }
}
