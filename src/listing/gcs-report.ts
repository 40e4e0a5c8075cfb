import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as z from 'zod';
import { isParquet } from './detect-listing.js';
import { GcsInventoryRows } from './gcs-inventory.js';
import { type Listing, listingError } from './listing.js';
import { fileLines } from './listing-lines.js';
import { headBytes, readListingText } from './listing-text.js';

// One run of a Cloud Storage inventory report writes its rows in shards (`<config>_<snapshot>_<n>.csv`, or
// .parquet) and, once all are written, a manifest (`<config>_<snapshot>_manifest.json`) that names them and
// counts the rows. Given the manifest, every shard is read, and the counts say whether all of it was.
const manifestSchema = z.object({
  report_shards_file_names: z.array(z.string().min(1)).min(1),
  shard_count: z.number().int().nonnegative().optional(),
  records_processed: z.number().int().nonnegative().optional(),
});

/** True for the text of a GCS inventory report's manifest. */
export function isGcsReportManifest(text: string): boolean {
  return text.includes('"report_shards_file_names"');
}

/** Reads every shard a GCS inventory manifest names, downloaded beside it. */
export async function readGcsReport(path: string, file: string): Promise<Listing> {
  let json: unknown;
  try {
    json = JSON.parse(readListingText(path, file));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw listingError(file, `not JSON (${error.message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw listingError(file, `not a GCS inventory manifest (${issue?.path.join('.')}: ${issue?.message})`);
  }
  const { report_shards_file_names: names, shard_count: count, records_processed: records } = parsed.data;
  if (count !== undefined && count !== names.length)
    throw listingError(file, `its shard_count is ${count} but it names ${names.length} shards`);
  // Every shard is found before any is read: a report is read whole or not at all.
  const shards = names.map(name => {
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.')
      throw listingError(file, `shard name '${name.slice(0, 80)}' is not a file name`);
    const shard = join(dirname(path), name);
    if (!existsSync(shard) || shard === path)
      throw listingError(file, `its shard ${name} is not beside it: download every shard of the report`);
    return { path: shard, shown: join(dirname(file), name) };
  });
  const rows = new GcsInventoryRows(4 * shards.length);
  let first: { columns: string; shown: string } | null = null;
  for (const shard of shards) {
    const columns = isParquet(headBytes(shard.path, 4))
      ? await rows.readParquet(shard.path, shard.shown)
      : await rows.readCsv(fileLines(shard.path, shard.shown), shard.shown);
    // Shards of one report share one schema: another one is a file of another report, or of another format.
    if (first !== null && columns !== first.columns)
      throw listingError(shard.shown, `its columns (${columns}) are not those of ${first.shown} (${first.columns})`);
    first ??= { columns, shown: shard.shown };
  }
  if (records !== undefined && records !== rows.rowsRead)
    throw listingError(file, `its records_processed is ${records} but its shards hold ${rows.rowsRead} rows`);
  return rows.listing();
}

/**
 * When a shard is given as ROOT and a manifest beside it names it among others, reading it alone would
 * slice part of the bucket: the error names the manifest to give instead.
 */
export function refuseLoneShard(path: string, file: string): void {
  const name = basename(path);
  let siblings: string[];
  try {
    siblings = readdirSync(dirname(path)).filter(entry => entry.endsWith('manifest.json'));
  } catch {
    return;
  }
  for (const sibling of siblings.sort()) {
    let names: unknown;
    try {
      names = (JSON.parse(readListingText(join(dirname(path), sibling), sibling)) as Record<string, unknown>)
        .report_shards_file_names;
    } catch {
      continue;
    }
    if (Array.isArray(names) && names.length > 1 && names.includes(name))
      throw listingError(
        file,
        `one of ${names.length} shards of a report whose manifest is ${sibling}: give the manifest to read them all`,
      );
  }
}
