import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { isAwsS3LsLine } from './aws-s3-ls.js';
import { csvRecords } from './csv-table.js';
import { isGcloudLsLine } from './gcloud-ls.js';
import { isGcsInventoryHeader } from './gcs-inventory.js';
import { isGcsReportManifest } from './gcs-report.js';
import type { ListingFormat } from './listing.js';
import { headBytes, isGzip, listingLines, readListingText } from './listing-text.js';
import { isPathsHeader, PATH_COLUMNS } from './paths-csv.js';

// Detection is cheap and needs no DuckDB: the first 64 KiB of a text (unzipped), or a Parquet file's
// footer, decide. Reading then checks everything and says what is wrong.

const HEAD_BYTES = 64 * 1024;
// The key under which `scan -o INDEX.parquet` stores its header: a Parquet file holding it is an index.
const INDEX_KEY = 'k400_slice_index';

/** True for Parquet's magic bytes (a listing or an index). */
export function isParquet(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).toString('latin1') === 'PAR1';
}

/** A Parquet file's footer (its schema and key-value metadata), up to its last MiB. */
function parquetFooter(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 1024 * 1024);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    return tail;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a Parquet footer names a column: the schema's names are strings the footer stores as a length
 * byte and the bytes, so `name` is found as `\x04name`, and never inside `filename`.
 */
function hasColumn(footer: Buffer, name: string): boolean {
  return footer.includes(Buffer.concat([Buffer.from([name.length]), Buffer.from(name, 'utf8')]));
}

function parquetFormats(path: string): ListingFormat[] {
  const footer = parquetFooter(path);
  if (footer.includes(INDEX_KEY, 0, 'latin1')) return [];
  const has = (names: readonly string[]): boolean => names.some(name => hasColumn(footer, name));
  const formats: ListingFormat[] = [];
  if (has(['bucket']) && has(['key']) && has(['size'])) formats.push('s3-inventory');
  if (has(['bucket']) && has(['name']) && has(['size'])) formats.push('gcs-inventory');
  if (has(PATH_COLUMNS.path) && has(PATH_COLUMNS.size)) formats.push('paths-parquet');
  return formats;
}

/** The start of a file's text, unzipped when it is gzip (a cut-off stream is fine here); null when not text. */
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

function textFormats(text: string, file: string): ListingFormat[] {
  const trimmed = text.trimStart();
  // An S3 Inventory manifest is JSON that names its source bucket near the top, a GCS inventory's manifest
  // names its shards; a JSONL index is no listing.
  if (trimmed.startsWith('{')) {
    if (trimmed.includes('"sourceBucket"')) return ['s3-inventory'];
    return isGcsReportManifest(trimmed) ? ['gcs-inventory'] : [];
  }
  const line = listingLines(text).find(l => l.trim() !== '') ?? '';
  const formats: ListingFormat[] = [];
  if (isAwsS3LsLine(line)) formats.push('aws-s3-ls');
  if (isGcloudLsLine(line)) formats.push('gcloud-ls');
  let header: string[] = [];
  try {
    header = csvRecords(`${line}\n`, file)[0] ?? [];
  } catch {
    // not a CSV line
  }
  if (isGcsInventoryHeader(header)) formats.push('gcs-inventory');
  if (isPathsHeader(header)) formats.push('paths-csv');
  return formats;
}

/**
 * Every listing format a file given as ROOT could be, from its first bytes: none for a k400-slice index or
 * anything else. More than one when its columns fit several (a GCS inventory with a `path` column); the
 * loaders' order picks, and `--layout` may choose another that fits.
 */
export function listingFormatsOf(path: string, file: string): ListingFormat[] {
  const head = headBytes(path, HEAD_BYTES);
  if (isParquet(head)) return parquetFormats(path);
  const text = headText(head);
  if (text === null) return [];
  const formats = textFormats(text, file);
  // No index is gzipped: a gzip file whose start says too little is read whole (and a damaged one refused).
  return formats.length === 0 && isGzip(head) ? textFormats(readListingText(path, file), file) : formats;
}
