import { columnsOf, fieldText, forEachCsvRecord } from './csv-table.js';
import { ListedKeys } from './listed-keys.js';
import { type Listing, listingError, sizeOf, sizeOfBytes } from './listing.js';
import type { LineSource } from './listing-lines.js';
import { forEachParquetRow } from './parquet-table.js';

// A Cloud Storage inventory report (Storage Insights) is a CSV with a header row, or a Parquet file, with a
// column for each metadata field the configuration chose; `bucket`, `name` and `size` are the ones read.
const COLUMNS = { bucket: ['bucket'], name: ['name'], size: ['size'] };

/** True when a CSV header or Parquet schema has a GCS inventory's columns. */
export function isGcsInventoryHeader(fields: readonly string[]): boolean {
  const at = columnsOf(fields, COLUMNS);
  return at.bucket >= 0 && at.name >= 0 && at.size >= 0;
}

/** The rows of one inventory report, which may come in several files (shards), all of one bucket. */
export class GcsInventoryRows {
  readonly keys: ListedKeys;
  private bucket: string | null = null;
  private bucketBytes: Buffer | null = null;
  /** Data rows read, in every file: what a report's manifest counts. */
  rowsRead = 0;

  /** `sizeHint`: the bytes of the report's files, which its keys fit in (see ListedKeys). */
  constructor(sizeHint = 0) {
    this.keys = new ListedKeys(sizeHint);
  }

  /** A row whose fields are text or numbers (from Parquet) or missing. */
  add(bucket: unknown, name: unknown, size: unknown, file: string, line: number): void {
    this.rowsRead += 1;
    const key = name === null || name === undefined ? '' : String(name);
    this.check(key, bucket === null || bucket === undefined ? 'undefined' : String(bucket), file, line);
    this.keys.push(key, sizeOf(size === null || size === undefined ? '' : String(size), file, line));
  }

  listing(): Listing {
    return { format: 'gcs-inventory', keys: this.keys, bucket: this.bucket, prefix: null };
  }

  /** Reads one CSV file of the report (header row first); returns its header. */
  async readCsv(lines: LineSource, file: string): Promise<string> {
    let at: Record<'bucket' | 'name' | 'size', number> | null = null;
    let columns = '';
    await forEachCsvRecord(lines, file, (record, line) => {
      if (at === null) {
        const header = Array.from({ length: record.count }, (_, i) => fieldText(record, i) ?? '');
        columns = header.join(',');
        at = columnsOf(header, COLUMNS);
        if (at.bucket < 0 || at.name < 0 || at.size < 0)
          throw listingError(file, 'its header names no bucket, name and size columns', line);
        return;
      }
      const { buf, starts, ends, count } = record;
      const known = this.bucketBytes;
      const b = at.bucket < count ? at.bucket : -1;
      const sameBucket =
        known !== null &&
        b >= 0 &&
        (ends[b] as number) - (starts[b] as number) === known.length &&
        buf.compare(known, 0, known.length, starts[b], ends[b]) === 0;
      const nameStart = at.name < count ? (starts[at.name] as number) : 0;
      const nameEnd = at.name < count ? (ends[at.name] as number) : 0;
      if (sameBucket && nameEnd > nameStart && at.size < count) {
        const size = sizeOfBytes(buf, starts[at.size] as number, ends[at.size] as number, file, line);
        this.keys.pushBytes(buf, nameStart, nameEnd, size);
        this.rowsRead += 1;
      } else this.add(fieldText(record, b), fieldText(record, at.name), fieldText(record, at.size), file, line);
    });
    if (at === null) throw listingError(file, 'its header names no bucket, name and size columns', 1);
    return columns;
  }

  /** Reads one Parquet file of the report; returns its columns. */
  async readParquet(path: string, file: string): Promise<string> {
    const columns = await forEachParquetRow(path, file, COLUMNS, (row, i) =>
      this.add(row.bucket, row.name, row.size, file, i + 1),
    );
    return columns.join(',');
  }

  private check(name: string, bucket: string, file: string, line: number): void {
    if (name === '') throw listingError(file, 'a row without a name', line);
    const rowBucket = `gs://${bucket}`;
    if (this.bucket !== null && rowBucket !== this.bucket)
      throw listingError(file, `${rowBucket} is a second bucket (the first is ${this.bucket})`, line);
    if (this.bucket === null) {
      this.bucket = rowBucket;
      this.bucketBytes = Buffer.from(bucket, 'utf8');
    }
  }
}

/** Reads a GCS inventory report in CSV (header row first). */
export async function parseGcsInventoryCsv(lines: LineSource, file: string): Promise<Listing> {
  const rows = new GcsInventoryRows(lines.sizeHint);
  await rows.readCsv(lines, file);
  return rows.listing();
}

/** Reads a GCS inventory report in Parquet. */
export async function readGcsInventoryParquet(path: string, file: string): Promise<Listing> {
  const rows = new GcsInventoryRows();
  await rows.readParquet(path, file);
  return rows.listing();
}
