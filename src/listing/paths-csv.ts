import { columnsOf, csvRecords } from './csv-table.js';
import { type ListedObject, type Listing, listingError, sizeOf, splitUri } from './listing.js';

/** The names a plain listing's columns go by. */
export const PATH_COLUMNS = { path: ['path', 'key', 'name', 'uri', 'url'], size: ['size', 'size_bytes', 'bytes'] };

/** True when a CSV header names a path column and a size column. */
export function isPathsHeader(fields: readonly string[]): boolean {
  const at = columnsOf(fields, PATH_COLUMNS);
  return at.path >= 0 && at.size >= 0;
}

/**
 * Rows of `path,size` (any column order, more columns allowed), as a CSV or from Parquet: paths relative to
 * the prefix, or full s3:// or gs:// URIs of one bucket. Keys keep their bytes: only URIs name a bucket.
 */
export function objectsOfPaths(
  rows: Iterable<readonly [unknown, unknown]>,
  file: string,
  format: 'paths-csv' | 'paths-parquet',
  firstLine = 2,
): Listing {
  const objects: ListedObject[] = [];
  let bucket: string | null = null;
  let uris: boolean | null = null;
  let line = firstLine - 1;
  for (const [cell, size] of rows) {
    line += 1;
    const path = cell === null || cell === undefined ? '' : String(cell);
    if (path === '') throw listingError(file, 'a row without a path', line);
    const parts = splitUri(path);
    if (uris !== null && uris !== (parts !== null))
      throw listingError(file, 'mixes full URIs and relative paths: use one or the other', line);
    uris = parts !== null;
    if (parts !== null && bucket !== null && parts.bucket !== bucket)
      throw listingError(file, `${parts.bucket} is a second bucket (the first is ${bucket})`, line);
    bucket = parts?.bucket ?? null;
    objects.push({
      key: parts?.key ?? path,
      size: sizeOf(size === null || size === undefined ? '' : String(size), file, line),
    });
  }
  return { format, objects, bucket, prefix: null, relative: uris !== true };
}

/** Reads a CSV listing of `path,size` with a header row. */
export function parsePathsCsv(text: string, file: string): Listing {
  const [header, ...records] = csvRecords(text, file);
  const at = columnsOf(header ?? [], PATH_COLUMNS);
  if (at.path < 0 || at.size < 0) throw listingError(file, 'its header names no path and size columns (path,size)', 1);
  const rows = records.map(record => [record[at.path], record[at.size]] as const);
  return objectsOfPaths(rows, file, 'paths-csv');
}
