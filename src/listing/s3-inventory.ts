import { isUtf8 } from 'node:buffer';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import * as z from 'zod';
import { columnsOf, fieldText, forEachCsvRecord } from './csv-table.js';
import { ListedKeys } from './listed-keys.js';
import { type Listing, listingError, sizeOf, sizeOfBytes } from './listing.js';
import { fileLines } from './listing-lines.js';
import { forEachParquetRow } from './parquet-table.js';

// An S3 Inventory report is a manifest.json naming its data files (CSV.gz, Parquet or ORC) and their
// columns; the data files hold one object a row. In CSV the keys are URL-encoded (a space is `+`).
const manifestSchema = z.object({
  sourceBucket: z.string().min(1),
  fileFormat: z.string(),
  fileSchema: z.string(),
  files: z.array(z.object({ key: z.string().min(1), size: z.number().int().nonnegative().optional() })).min(1),
});
type InventoryManifest = z.infer<typeof manifestSchema>;

const COLUMNS = {
  key: ['key'],
  size: ['size'],
  latest: ['islatest', 'is_latest'],
  deleted: ['isdeletemarker', 'is_delete_marker'],
};

/** Reads an S3 Inventory report from its manifest.json, and every data file it names. */
export async function readS3Inventory(path: string, file: string, json: unknown): Promise<Listing> {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw listingError(file, `not an S3 Inventory manifest (${issue?.path.join('.')}: ${issue?.message})`);
  }
  const manifest = parsed.data;
  const format = manifest.fileFormat.toLowerCase();
  if (format === 'orc')
    throw listingError(file, 'an ORC inventory, which is not read: configure the inventory as CSV or Parquet');
  if (format !== 'csv' && format !== 'parquet')
    throw listingError(file, `fileFormat '${manifest.fileFormat}' is not CSV or Parquet`);
  // Every data file is found, and is as long as the manifest says, before any is read: a report is read
  // whole or not at all.
  const data = manifest.files.map(({ key, size }) => {
    const found = dataFileOf(path, file, key);
    // Named in messages as the manifest is named, not by this machine's path.
    const shown = join(dirname(file), relative(dirname(path), found));
    const length = statSync(found).size;
    if (size !== undefined && length !== size)
      throw listingError(shown, `${length} bytes, but the manifest says ${size}: download it again, whole`);
    return { found, shown, length };
  });
  // Data files are gzip or Parquet: their keys take a few times the bytes they are stored in.
  const keys = new ListedKeys(4 * data.reduce((sum, file) => sum + file.length, 0));
  for (const { found, shown } of data) {
    if (format === 'csv') await csvRows(found, shown, manifest, keys);
    else await parquetObjects(found, shown, keys);
  }
  return { format: 's3-inventory', keys, bucket: `s3://${manifest.sourceBucket}`, prefix: null };
}

/**
 * Where a data file the manifest names was saved: beside the manifest, in a `data/` folder beside it or
 * one up (the layout of the destination bucket), or below a folder above the manifest by its whole key.
 */
function dataFileOf(manifest: string, file: string, key: string): string {
  if (key.startsWith('/') || key.split('/').includes('..'))
    throw listingError(file, `data file key '${key}' climbs out of its folder`);
  const here = dirname(manifest);
  const name = basename(key);
  const candidates = [join(here, name), join(here, 'data', name), join(here, '..', 'data', name)];
  for (let up = here, i = 0; i < 4; up = dirname(up), i++) candidates.push(join(up, key));
  const found = candidates.find(candidate => existsSync(candidate));
  if (found === undefined)
    throw listingError(file, `its data file ${name} is not beside it, in data/ or at its key; download it too`);
  // A manifest that names itself would be parsed as CSV and fail on its first brace, a message that misleads.
  if (resolve(found) === resolve(manifest))
    throw listingError(file, `data file key '${key}' names the manifest itself, not an inventory data file`);
  return found;
}

async function csvRows(path: string, file: string, manifest: InventoryManifest, keys: ListedKeys): Promise<void> {
  const at = columnsOf(manifest.fileSchema.split(','), COLUMNS);
  if (at.key < 0 || at.size < 0)
    throw listingError(file, `the manifest's fileSchema names no Key and Size (${manifest.fileSchema.slice(0, 80)})`);
  const wanted = Math.max(at.key, at.size) + 1;
  let scratch = Buffer.allocUnsafe(1024);
  await forEachCsvRecord(fileLines(path, file), file, (record, line) => {
    if (record.count === 1 && record.starts[0] === record.ends[0]) return;
    if (record.count < wanted)
      throw listingError(file, `${record.count} fields, fewer than the manifest's columns`, line);
    if (!current(fieldText(record, at.latest), fieldText(record, at.deleted))) return;
    const { buf, starts, ends } = record;
    const start = starts[at.key] as number;
    const end = ends[at.key] as number;
    const size = sizeOfBytes(buf, starts[at.size] as number, ends[at.size] as number, file, line);
    // Most keys need no decoding: without `%` or `+` a form-encoded key is its own bytes.
    let plain = true;
    for (let i = start; i < end && plain; i++) plain = buf[i] !== 37 && buf[i] !== 43;
    if (plain) keys.pushBytes(buf, start, end, size);
    else {
      if (scratch.length < end - start) scratch = Buffer.allocUnsafe(2 * (end - start));
      const length = formDecodedBytes(buf, start, end, scratch);
      if (length >= 0) keys.pushBytes(scratch, 0, length, size);
      else keys.push(urlDecoded(buf.toString('utf8', start, end), file, line), size);
    }
  });
}

async function parquetObjects(path: string, file: string, keys: ListedKeys): Promise<void> {
  await forEachParquetRow(path, file, COLUMNS, (row, i) => {
    if (i === 0 && (row.key === undefined || row.size === undefined))
      throw listingError(file, 'no key and size columns');
    if (current(row.latest, row.deleted))
      keys.push(String(row.key), sizeOf(row.size === null ? '' : String(row.size), file, i + 1));
  });
}

/** A versioned inventory lists old versions and delete markers too: only the latest, live object counts. */
function current(latest: unknown, deleted: unknown): boolean {
  const yes = (value: unknown): boolean => value === true || String(value).toLowerCase() === 'true';
  const no = (value: unknown): boolean => value === false || String(value).toLowerCase() === 'false';
  return !no(latest) && !yes(deleted);
}

/**
 * A form-encoded key's bytes (see urlDecoded) decoded into `out`, without making a string of it: its length,
 * or -1 where urlDecoded must decide (a `%` not followed by two hex digits, or escapes that are not UTF-8,
 * which it refuses; a byte not ASCII, which it reads with the bytes around it as UTF-8 before decoding).
 * Every key of a Kinetics listing holds a space: decoding by string took a tenth of slicing one.
 */
export function formDecodedBytes(buf: Buffer, start: number, end: number, out: Buffer): number {
  let length = 0;
  for (let i = start; i < end; i++) {
    const byte = buf[i] as number;
    if (byte === 43) out[length++] = 32;
    else if (byte >= 128) return -1;
    else if (byte !== 37) out[length++] = byte;
    else {
      const high = hexValue(buf[i + 1]);
      const low = hexValue(buf[i + 2]);
      if (i + 2 >= end || high < 0 || low < 0) return -1;
      out[length++] = high * 16 + low;
      i += 2;
    }
  }
  return isUtf8(out.subarray(0, length)) ? length : -1;
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 48 && byte <= 57) return byte - 48;
  const lower = byte | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** S3 Inventory's CSV keys are form-encoded: `%XX` bytes of UTF-8, and `+` for a space. */
export function urlDecoded(key: string, file: string, line: number): string {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    throw listingError(file, `key '${key.slice(0, 60)}' is not URL-encoded UTF-8`, line);
  }
}
