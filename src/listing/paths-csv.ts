import { columnsOf, fieldText, forEachCsvRecord } from './csv-table.js';
import { ListedKeys } from './listed-keys.js';
import { type Listing, listingError, sizeOf, sizeOfBytes, splitUri } from './listing.js';
import type { LineSource } from './listing-lines.js';

/** The names a plain listing's columns go by. */
export const PATH_COLUMNS = { path: ['path', 'key', 'name', 'uri', 'url'], size: ['size', 'size_bytes', 'bytes'] };

/** True when a CSV header names a path column and a size column. */
export function isPathsHeader(fields: readonly string[]): boolean {
  const at = columnsOf(fields, PATH_COLUMNS);
  return at.path >= 0 && at.size >= 0;
}

const S3 = Buffer.from('s3://');
const GS = Buffer.from('gs://');

/** Whether `buf[start, end)` starts with `s3://` or `gs://`, the only paths that can be URIs. */
function mayBeUri(buf: Buffer, start: number, end: number): boolean {
  if (end - start < 5) return false;
  return buf.compare(S3, 0, 5, start, start + 5) === 0 || buf.compare(GS, 0, 5, start, start + 5) === 0;
}

/**
 * Rows of `path,size` (any column order, more columns allowed), as a CSV or from Parquet: paths relative to
 * the prefix, or full s3:// or gs:// URIs of one bucket. Keys keep their bytes: only URIs name a bucket.
 */
export class PathRows {
  readonly keys: ListedKeys;
  private bucket: string | null = null;
  /** `s3://bucket/`, to find a URI's key in place. */
  private bucketBytes: Buffer | null = null;
  private uris: boolean | null = null;

  constructor(
    private readonly file: string,
    private readonly format: 'paths-csv' | 'paths-parquet' | 's3-inventory',
    sizeHint = 0,
  ) {
    this.keys = new ListedKeys(sizeHint);
  }

  /** A row whose path and size are text or numbers (from Parquet) or missing. */
  add(cell: unknown, size: unknown, line: number): void {
    const path = cell === null || cell === undefined ? '' : String(cell);
    const key = this.keyOf(path, line);
    this.keys.push(key, sizeOf(size === null || size === undefined ? '' : String(size), this.file, line));
  }

  /** A row read in place: the path `buf[start, end)`, the size `buf[sizeStart, sizeEnd)`. */
  addBytes(buf: Buffer, start: number, end: number, sizeStart: number, sizeEnd: number, line: number): void {
    const known = this.bucketBytes;
    let from = -1;
    if (this.uris === false && !mayBeUri(buf, start, end)) from = start;
    else if (
      known !== null &&
      end - start > known.length &&
      buf.compare(known, 0, known.length, start, start + known.length) === 0
    )
      from = start + known.length;
    if (from < 0 || start === end) {
      const key = this.keyOf(buf.toString('utf8', start, end), line);
      this.keys.push(key, sizeOfBytes(buf, sizeStart, sizeEnd, this.file, line));
    } else this.keys.pushBytes(buf, from, end, sizeOfBytes(buf, sizeStart, sizeEnd, this.file, line));
  }

  listing(): Listing {
    return { format: this.format, keys: this.keys, bucket: this.bucket, prefix: null, relative: this.uris !== true };
  }

  private keyOf(path: string, line: number): string {
    if (path === '') throw listingError(this.file, 'a row without a path', line);
    const parts = splitUri(path);
    if (this.uris !== null && this.uris !== (parts !== null))
      throw listingError(this.file, 'mixes full URIs and relative paths: use one or the other', line);
    this.uris = parts !== null;
    if (parts === null) return path;
    if (this.bucket !== null && parts.bucket !== this.bucket)
      throw listingError(this.file, `${parts.bucket} is a second bucket (the first is ${this.bucket})`, line);
    if (this.bucket === null) {
      this.bucket = parts.bucket;
      this.bucketBytes = Buffer.from(`${parts.bucket}/`, 'utf8');
    }
    return parts.key;
  }
}

/** Reads a CSV listing of `path,size` with a header row. */
export async function parsePathsCsv(lines: LineSource, file: string): Promise<Listing> {
  const rows = new PathRows(file, 'paths-csv', lines.sizeHint);
  let at: { path: number; size: number } | null = null;
  await forEachCsvRecord(lines, file, (record, line) => {
    if (at === null) {
      const header = Array.from({ length: record.count }, (_, i) => fieldText(record, i) ?? '');
      at = columnsOf(header, PATH_COLUMNS);
      if (at.path < 0 || at.size < 0)
        throw listingError(file, 'its header names no path and size columns (path,size)', line);
      return;
    }
    const { buf, starts, ends, count } = record;
    const path = at.path < count ? [starts[at.path] as number, ends[at.path] as number] : [0, 0];
    const size = at.size < count ? [starts[at.size] as number, ends[at.size] as number] : [0, 0];
    rows.addBytes(buf, path[0] as number, path[1] as number, size[0] as number, size[1] as number, line);
  });
  if (at === null) throw listingError(file, 'its header names no path and size columns (path,size)', 1);
  return rows.listing();
}
