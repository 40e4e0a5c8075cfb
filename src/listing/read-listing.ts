import { parseAwsS3Ls } from './aws-s3-ls.js';
import { isParquet } from './detect-listing.js';
import { parseGcloudLs } from './gcloud-ls.js';
import { parseGcsInventoryCsv, readGcsInventoryParquet } from './gcs-inventory.js';
import { readGcsReport, refuseLoneShard } from './gcs-report.js';
import { type Listing, type ListingFormat, listingError } from './listing.js';
import { fileLines } from './listing-lines.js';
import { headBytes, readListingText } from './listing-text.js';
import { forEachParquetRow } from './parquet-table.js';
import { PATH_COLUMNS, PathRows, parsePathsCsv } from './paths-csv.js';
import { readS3Inventory } from './s3-inventory.js';

/** Reads a listing in a format its loader fits (see detect-listing.ts). */
export async function readListing(path: string, file: string, format: ListingFormat): Promise<Listing> {
  if (isParquet(headBytes(path, 4))) return readParquetListing(path, file, format);
  const lines = fileLines(path, file);
  switch (format) {
    case 'aws-s3-ls':
      return parseAwsS3Ls(lines, file);
    case 'gcloud-ls':
      return parseGcloudLs(lines, file);
    case 'gcs-inventory':
      if (headBytes(path, 64).toString('latin1').trimStart().startsWith('{')) return readGcsReport(path, file);
      refuseLoneShard(path, file);
      return parseGcsInventoryCsv(lines, file);
    case 'paths-csv':
    case 'paths-parquet':
      return parsePathsCsv(lines, file);
    case 's3-inventory':
      // The manifest is small JSON, read whole; its data files are streamed.
      return readS3Inventory(path, file, parseJson(readListingText(path, file), file));
  }
}

async function readParquetListing(path: string, file: string, format: ListingFormat): Promise<Listing> {
  if (format === 'gcs-inventory') {
    refuseLoneShard(path, file);
    return readGcsInventoryParquet(path, file);
  }
  if (format === 's3-inventory') {
    // A Parquet data file of an inventory, named without its manifest: its columns say what it is.
    const rows = new PathRows(file, 'paths-parquet');
    const columns = { bucket: ['bucket'], key: ['key'], size: ['size'] };
    await forEachParquetRow(path, file, columns, (row, i) =>
      rows.add(`s3://${String(row.bucket)}/${String(row.key)}`, row.size, i + 1),
    );
    return { ...rows.listing(), format: 's3-inventory' };
  }
  if (format !== 'paths-parquet' && format !== 'paths-csv')
    throw listingError(file, `a Parquet file, not the text of ${format}`);
  const rows = new PathRows(file, 'paths-parquet');
  await forEachParquetRow(path, file, PATH_COLUMNS, (row, i) => {
    if (i === 0 && (row.path === undefined || row.size === undefined))
      throw listingError(file, 'no path and size columns');
    rows.add(row.path, row.size, i + 1);
  });
  return rows.listing();
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw listingError(file, `not JSON (${(error as Error).message})`);
  }
}
