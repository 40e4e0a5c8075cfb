import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { isAwsS3LsLine, parseAwsS3Ls } from './aws-s3-ls.js';
import { csvRecords } from './csv-table.js';
import { isGcloudLsLine, parseGcloudLs } from './gcloud-ls.js';
import { isGcsInventoryHeader, parseGcsInventoryCsv, readGcsInventoryParquet } from './gcs-inventory.js';
import { type Listing, type ListingFormat, listingError } from './listing.js';
import { headBytes, isGzip, listingLines, readListingText } from './listing-text.js';
import { parquetColumns, parquetRows } from './parquet-table.js';
import { isPathsHeader, objectsOfPaths, PATH_COLUMNS, parsePathsCsv } from './paths-csv.js';
import { readS3Inventory } from './s3-inventory.js';

const PARQUET_MAGIC = 'PAR1';
// The key under which `scan -o INDEX.parquet` stores its header: a Parquet file holding it is an index.
const INDEX_KEY = 'k400_slice_index';

/** True for a Parquet file (a listing or an index). */
function isParquet(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).toString('latin1') === PARQUET_MAGIC;
}

/**
 * Whether a Parquet file is an index made by `k400-slice scan`: its footer holds the index key. Read from
 * the bytes, so telling an index from a listing needs no DuckDB.
 */
function isParquetIndex(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 1024 * 1024);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    return tail.includes(INDEX_KEY, 0, 'latin1');
  } finally {
    closeSync(fd);
  }
}

/** The first line of a text that is not blank. */
function firstLine(text: string): string {
  return listingLines(text).find(line => line.trim() !== '') ?? '';
}

/** The start of a file's text, unzipped when it is gzip (a cut-off stream is fine here); null when not UTF-8. */
function headText(head: Buffer): string | null {
  let bytes = head;
  if (isGzip(head)) {
    try {
      bytes = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      return null;
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  // The head may end inside a character, so only its whole lines are judged: bytes that are not UTF-8 or a
  // NUL there make it no text listing.
  const whole = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  return whole.includes('\uFFFD') || whole.includes('\0') ? null : text;
}

/** The format a text listing is in, from its start; null when it is none of them. */
function textFormat(text: string, file: string): ListingFormat | null {
  const trimmed = text.trimStart();
  // An S3 Inventory manifest is JSON that names its source bucket near the top.
  if (trimmed.startsWith('{')) return trimmed.includes('"sourceBucket"') ? 's3-inventory' : null;
  const line = firstLine(text);
  if (isAwsS3LsLine(line)) return 'aws-s3-ls';
  if (isGcloudLsLine(line)) return 'gcloud-ls';
  let header: string[];
  try {
    header = csvRecords(`${line}\n`, file)[0] ?? [];
  } catch {
    return null;
  }
  if (isGcsInventoryHeader(header)) return 'gcs-inventory';
  if (isPathsHeader(header)) return 'paths-csv';
  return null;
}

/**
 * The listing format of a file given as a dataset root, found from its first bytes: null when it is not a
 * listing (a k400-slice index, or anything else, which the caller reports).
 */
export async function detectListing(path: string, file: string): Promise<ListingFormat | null> {
  const head = headBytes(path, 64 * 1024);
  if (isParquet(head)) {
    if (isParquetIndex(path)) return null;
    const columns = await parquetColumns(path, file);
    if (isGcsInventoryHeader(columns)) return 'gcs-inventory';
    if (columns.map(c => c.toLowerCase()).includes('key')) return 's3-inventory';
    return isPathsHeader(columns) ? 'paths-parquet' : null;
  }
  const text = headText(head);
  if (text === null || text.trimStart().startsWith('{"k400_slice_index"')) return null;
  // No index is gzipped: a gzip file whose start says too little is read whole (and a damaged one refused).
  return textFormat(text, file) ?? (isGzip(head) ? textFormat(readListingText(path, file), file) : null);
}

/** Reads a listing in a format found by detectListing (or forced by the user). */
export async function readListing(path: string, file: string, format: ListingFormat): Promise<Listing> {
  if (isParquet(headBytes(path))) return readParquetListing(path, file, format);
  const text = readListingText(path, file);
  switch (format) {
    case 'aws-s3-ls':
      return parseAwsS3Ls(text, file);
    case 'gcloud-ls':
      return parseGcloudLs(text, file);
    case 'gcs-inventory':
      return parseGcsInventoryCsv(text, file);
    case 'paths-csv':
      return parsePathsCsv(text, file);
    case 's3-inventory':
      return readS3Inventory(path, file, parseJson(text, file));
    case 'paths-parquet':
      throw listingError(file, 'not a Parquet file');
  }
}

async function readParquetListing(path: string, file: string, format: ListingFormat): Promise<Listing> {
  if (format === 'gcs-inventory') return readGcsInventoryParquet(path, file);
  if (format === 's3-inventory') {
    // A Parquet data file of an inventory, named without its manifest: its columns say what it is.
    const rows = await parquetRows(path, file, { bucket: ['bucket'], key: ['key'], size: ['size'] });
    const listing = objectsOfPaths(
      rows.map(row => [`s3://${String(row.bucket)}/${String(row.key)}`, row.size] as const),
      file,
      'paths-parquet',
      1,
    );
    return { ...listing, format: 's3-inventory' };
  }
  if (format !== 'paths-parquet') throw listingError(file, `a Parquet file, not the text of ${format}`);
  const rows = await parquetRows(path, file, PATH_COLUMNS);
  if (rows.length > 0 && (rows[0]?.path === undefined || rows[0]?.size === undefined))
    throw listingError(file, 'no path and size columns');
  return objectsOfPaths(
    rows.map(row => [row.path, row.size] as const),
    file,
    'paths-parquet',
    1,
  );
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw listingError(file, `not JSON (${(error as Error).message})`);
  }
}
