import { parseAwsS3Ls } from './aws-s3-ls.js';
import { isParquet } from './detect-listing.js';
import { parseGcloudLs } from './gcloud-ls.js';
import { parseGcsInventoryCsv, readGcsInventoryParquet } from './gcs-inventory.js';
import { type Listing, type ListingFormat, listingError } from './listing.js';
import { headBytes, readListingText } from './listing-text.js';
import { parquetRows } from './parquet-table.js';
import { objectsOfPaths, PATH_COLUMNS, parsePathsCsv } from './paths-csv.js';
import { readS3Inventory } from './s3-inventory.js';

/** Reads a listing in a format its loader fits (see detect-listing.ts). */
export async function readListing(path: string, file: string, format: ListingFormat): Promise<Listing> {
  if (isParquet(headBytes(path, 4))) return readParquetListing(path, file, format);
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
      return parsePathsCsv(text, file);
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
  if (format !== 'paths-parquet' && format !== 'paths-csv')
    throw listingError(file, `a Parquet file, not the text of ${format}`);
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
