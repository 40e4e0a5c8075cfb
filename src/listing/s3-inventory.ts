import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { columnsOf, csvRecords } from './csv-table.js';
import { type ListedObject, type Listing, listingError, sizeOf } from './listing.js';
import { readListingText } from './listing-text.js';
import { parquetRows } from './parquet-table.js';

// An S3 Inventory report is a manifest.json naming its data files (CSV.gz, Parquet or ORC) and their
// columns; the data files hold one object a row. In CSV the keys are URL-encoded (a space is `+`).
const manifestSchema = z.object({
  sourceBucket: z.string().min(1),
  fileFormat: z.string(),
  fileSchema: z.string(),
  files: z.array(z.object({ key: z.string().min(1) })).min(1),
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
  const objects: ListedObject[] = [];
  for (const { key } of manifest.files) {
    const data = dataFileOf(path, file, key);
    // Named in messages as the manifest is named, not by this machine's path.
    const shown = join(dirname(file), relative(dirname(path), data));
    const rows = format === 'csv' ? csvRows(data, shown, manifest) : await parquetObjects(data, shown);
    for (const row of rows) objects.push(row);
  }
  return { format: 's3-inventory', objects, bucket: `s3://${manifest.sourceBucket}`, prefix: null };
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

function csvRows(path: string, file: string, manifest: InventoryManifest): ListedObject[] {
  const at = columnsOf(manifest.fileSchema.split(','), COLUMNS);
  if (at.key < 0 || at.size < 0)
    throw listingError(file, `the manifest's fileSchema names no Key and Size (${manifest.fileSchema.slice(0, 80)})`);
  const objects: ListedObject[] = [];
  csvRecords(readListingText(path, file), file).forEach((record, i) => {
    if (record.length === 1 && record[0] === '') return;
    if (record.length < Math.max(at.key, at.size) + 1)
      throw listingError(file, `${record.length} fields, fewer than the manifest's columns`, i + 1);
    if (!current(record[at.latest], record[at.deleted])) return;
    objects.push({
      key: urlDecoded(record[at.key] as string, file, i + 1),
      size: sizeOf(record[at.size], file, i + 1),
    });
  });
  return objects;
}

async function parquetObjects(path: string, file: string): Promise<ListedObject[]> {
  const rows = await parquetRows(path, file, COLUMNS);
  if (rows.length > 0 && (rows[0]?.key === undefined || rows[0]?.size === undefined))
    throw listingError(file, 'no key and size columns');
  return rows.flatMap((row, i) =>
    current(row.latest, row.deleted)
      ? [{ key: String(row.key), size: sizeOf(row.size === null ? '' : String(row.size), file, i + 1) }]
      : [],
  );
}

/** A versioned inventory lists old versions and delete markers too: only the latest, live object counts. */
function current(latest: unknown, deleted: unknown): boolean {
  const yes = (value: unknown): boolean => value === true || String(value).toLowerCase() === 'true';
  const no = (value: unknown): boolean => value === false || String(value).toLowerCase() === 'false';
  return !no(latest) && !yes(deleted);
}

/** S3 Inventory's CSV keys are form-encoded: `%XX` bytes of UTF-8, and `+` for a space. */
export function urlDecoded(key: string, file: string, line: number): string {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    throw listingError(file, `key '${key.slice(0, 60)}' is not URL-encoded UTF-8`, line);
  }
}
