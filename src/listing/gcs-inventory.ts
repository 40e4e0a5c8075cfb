import { columnsOf, csvRecords } from './csv-table.js';
import { type ListedObject, type Listing, listingError, sizeOf } from './listing.js';
import { parquetRows } from './parquet-table.js';

// A Cloud Storage inventory report (Storage Insights) is a CSV with a header row, or a Parquet file, with a
// column for each metadata field the configuration chose; `bucket`, `name` and `size` are the ones read.
const COLUMNS = { bucket: ['bucket'], name: ['name'], size: ['size'] };

/** True when a CSV header or Parquet schema has a GCS inventory's columns. */
export function isGcsInventoryHeader(fields: readonly string[]): boolean {
  const at = columnsOf(fields, COLUMNS);
  return at.bucket >= 0 && at.name >= 0 && at.size >= 0;
}

function listingOf(rows: Iterable<{ bucket: unknown; name: unknown; size: unknown }>, file: string, first: number) {
  const objects: ListedObject[] = [];
  let bucket: string | null = null;
  let line = first - 1;
  for (const row of rows) {
    line += 1;
    const name = row.name === null || row.name === undefined ? '' : String(row.name);
    if (name === '') throw listingError(file, 'a row without a name', line);
    const rowBucket = `gs://${String(row.bucket)}`;
    if (bucket !== null && rowBucket !== bucket)
      throw listingError(file, `${rowBucket} is a second bucket (the first is ${bucket})`, line);
    bucket = rowBucket;
    objects.push({ key: name, size: sizeOf(row.size === null ? '' : String(row.size), file, line) });
  }
  const listing: Listing = { format: 'gcs-inventory', objects, bucket, prefix: null };
  return listing;
}

/** Reads a GCS inventory report in CSV (header row first). */
export function parseGcsInventoryCsv(text: string, file: string): Listing {
  const [header, ...records] = csvRecords(text, file);
  const at = columnsOf(header ?? [], COLUMNS);
  if (at.bucket < 0 || at.name < 0 || at.size < 0)
    throw listingError(file, 'its header names no bucket, name and size columns', 1);
  const rows = records.map(record => ({ bucket: record[at.bucket], name: record[at.name], size: record[at.size] }));
  return listingOf(rows, file, 2);
}

/** Reads a GCS inventory report in Parquet. */
export async function readGcsInventoryParquet(path: string, file: string): Promise<Listing> {
  return listingOf(await parquetRows(path, file, COLUMNS), file, 1);
}
