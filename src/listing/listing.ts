import { DatasetError } from '../errors.js';
import type { ListedKeys } from './listed-keys.js';

/** The listing formats read as a dataset source; `--layout` names them, detection returns one. */
export const LISTING_FORMATS = [
  'paths-csv',
  'paths-parquet',
  'aws-s3-ls',
  'gcloud-ls',
  's3-inventory',
  'gcs-inventory',
] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

/** One object of a bucket as a listing names it: its key and its size in bytes. */
export interface ListedObject {
  readonly key: string;
  readonly size: number;
}

/**
 * What a listing says about a bucket. Keys are as the store names them (from the bucket's top, or below a
 * prefix for a listing of relative paths); nothing here has been classified yet.
 */
export interface Listing {
  readonly format: ListingFormat;
  readonly keys: ListedKeys;
  /** The bucket as a URI without a trailing slash (`s3://bucket`), when the listing names it. */
  readonly bucket: string | null;
  /** The folder that was listed (`k400/`), when the listing says so (gcloud's first folder line). */
  readonly prefix: string | null;
  /** True when keys are paths below the prefix (a plain listing of relative paths), not from the bucket's top. */
  readonly relative?: boolean | undefined;
}

/** An error in a listing's content: one line that names the file and, when known, the line. */
export function listingError(file: string, what: string, line?: number): DatasetError {
  const where = line === undefined ? file : `${file} line ${line}`;
  return new DatasetError(
    `listing ${where}: ${what}`,
    'make the listing again (see README, "Listings and inventories"), or check that it was copied whole',
  );
}

/** A size column's text as bytes: a whole number no larger than 2^53, or an error naming the line. */
export function sizeOf(text: string | undefined, file: string, line: number): number {
  const trimmed = (text ?? '').trim();
  const size = Number(trimmed);
  if (!/^\d+$/.test(trimmed))
    throw listingError(file, `size '${trimmed.slice(0, 40)}' is not a whole number of bytes`, line);
  // A whole number past 2^53 is real text but no object's size (S3 and GCS stop at 5 TiB): say so, not "no number".
  if (!Number.isSafeInteger(size))
    throw listingError(file, `size '${trimmed.slice(0, 40)}' is larger than 2^53 bytes: no object is that large`, line);
  return size;
}

/** A size field's bytes as bytes: whole numbers of up to 15 digits read in place, anything else by sizeOf. */
export function sizeOfBytes(buf: Buffer, start: number, end: number, file: string, line: number): number {
  if (end > start && end - start <= 15) {
    let size = 0;
    let at = start;
    for (; at < end; at++) {
      const digit = (buf[at] as number) - 48;
      if (digit < 0 || digit > 9) break;
      size = size * 10 + digit;
    }
    if (at === end) return size;
  }
  return sizeOf(buf.toString('utf8', start, end), file, line);
}

/** A root that is a bucket's prefix (`s3://bucket/k400/`), read from a listing: no local folder to resolve. */
export function isBucketRoot(root: string): boolean {
  return /^(s3|gs):\/\//.test(root);
}

/** `s3://bucket/a/b` -> bucket `s3://bucket` and key `a/b`; null when it is not an s3:// or gs:// URI. */
export function splitUri(uri: string): { bucket: string; key: string } | null {
  const match = /^(s3|gs):\/\/([^/]+)\/(.*)$/s.exec(uri);
  if (match === null) return null;
  return { bucket: `${match[1]}://${match[2]}`, key: match[3] as string };
}
