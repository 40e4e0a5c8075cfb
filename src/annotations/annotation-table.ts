import { kineticsClipId } from '../scan/clip-name.js';
import { Interned, StringColumn } from '../source/string-column.js';

/** One row of a Kinetics annotation CSV: one clip, named by its youtube id and time window. */
export interface AnnotationRow {
  readonly clipId: string;
  readonly label: string | null;
  readonly youtubeId: string;
  readonly timeStart: number;
  readonly timeEnd: number;
  readonly split: string | null;
  /** The file it came from, as given. */
  readonly file: string;
}

/**
 * The rows of one or more annotation CSVs as columns, in the order read: clip ids in a string column, times
 * in typed arrays, labels, splits and files interned. Kinetics-700's train file is 545,000 rows; as objects
 * (and csv-parse's arrays before them) they held several times their text. A row's youtube id is its clip
 * id less the `_000013_000023` that its times give, so it is not kept twice.
 */
export class AnnotationTable {
  length = 0;
  private readonly ids = new StringColumn();
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  private labelOf = new Uint32Array(1024);
  private splitOf = new Uint32Array(1024);
  private fileOf = new Uint32Array(1024);
  private readonly labels = new Interned<string | null>();
  private readonly splits = new Interned<string | null>();
  private readonly files = new Interned<string>();

  /** A table of rows already made: for tests, and callers that hold a few. */
  static of(rows: readonly AnnotationRow[]): AnnotationTable {
    const table = new AnnotationTable();
    for (const row of rows) table.add(row.youtubeId, row.timeStart, row.timeEnd, row.label, row.split, row.file);
    return table.seal();
  }

  add(youtubeId: string, timeStart: number, timeEnd: number, label: string | null, split: string | null, file: string) {
    const row = this.length++;
    if (row === this.starts.length) this.grow();
    this.ids.push(kineticsClipId(youtubeId, timeStart, timeEnd));
    this.starts[row] = timeStart;
    this.ends[row] = timeEnd;
    this.labelOf[row] = this.labels.of(label);
    this.splitOf[row] = this.splits.of(split);
    this.fileOf[row] = this.files.of(file);
  }

  /** Joins the last rows' clip ids into their block: after the last `add`. */
  seal(): this {
    this.ids.seal();
    return this;
  }

  clipId(row: number): string {
    return this.ids.get(row);
  }
  label(row: number): string | null {
    return this.labels.at(this.labelOf[row] as number);
  }
  split(row: number): string | null {
    return this.splits.at(this.splitOf[row] as number);
  }
  timeStart(row: number): number {
    return this.starts[row] as number;
  }
  timeEnd(row: number): number {
    return this.ends[row] as number;
  }
  youtubeId(row: number): string {
    const id = this.clipId(row);
    // The window is `_` and at least 6 digits, twice.
    return id.slice(0, id.length - 2 - digits(this.timeStart(row)) - digits(this.timeEnd(row)));
  }
  file(row: number): string {
    return this.files.at(this.fileOf[row] as number);
  }

  /** The labels the rows give, each once, in the order first read. */
  labelNames(): readonly (string | null)[] {
    return this.labels.values();
  }
  /** The splits the rows give, each once, in the order first read. */
  splitNames(): readonly (string | null)[] {
    return this.splits.values();
  }

  /** The problem a row whose clip id an earlier row gave another label is: the first is kept. */
  conflict(kept: number, ignored: number): { path: string; message: string } {
    const clip = `clip ${this.clipId(kept)} is '${this.label(ignored)}' here`;
    return {
      path: this.file(ignored),
      message: `${clip} but '${this.label(kept)}' in ${this.file(kept)}; the first is kept`,
    };
  }

  /** A row as an object of its own. */
  row(row: number): AnnotationRow {
    return {
      clipId: this.clipId(row),
      label: this.label(row),
      youtubeId: this.youtubeId(row),
      timeStart: this.timeStart(row),
      timeEnd: this.timeEnd(row),
      split: this.split(row),
      file: this.file(row),
    };
  }

  /** Every row as an object: for tests, and callers that want a few. */
  toArray(): AnnotationRow[] {
    return Array.from({ length: this.length }, (_, row) => this.row(row));
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const wider = <T extends Float64Array | Uint32Array>(array: T, bigger: T): T => {
      bigger.set(array);
      return bigger;
    };
    this.starts = wider(this.starts, new Float64Array(n));
    this.ends = wider(this.ends, new Float64Array(n));
    this.labelOf = wider(this.labelOf, new Uint32Array(n));
    this.splitOf = wider(this.splitOf, new Uint32Array(n));
    this.fileOf = wider(this.fileOf, new Uint32Array(n));
  }
}

/**
 * How many characters kineticsClipId writes for a time: at least 6. From 1e21 on a number is written with an
 * exponent (`1e+21`, padded to `01e+21`), so the count is that of the text, not of the digits.
 */
function digits(seconds: number): number {
  return Math.max(6, String(seconds).length);
}
