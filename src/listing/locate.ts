import { DatasetError } from '../errors.js';
import { classifyFile } from '../scan/file-kinds.js';
import type { ListedKeys } from './listed-keys.js';
import { type Listing, splitUri } from './listing.js';

/** A listing's keys below the prefix, and where that prefix is. */
export interface Located {
  /** The prefix as a URI ending in `/` (`s3://bucket/k400/`): what the provenance records as the root. */
  readonly uri: string;
  /** The listing's keys; read from byte `skip` on, they are paths below the prefix, `/`-separated. */
  readonly keys: ListedKeys;
  /** The rows of the keys below the prefix, in listing order; null when every key is. */
  readonly rows: Uint32Array | null;
  /** The prefix's length in bytes. */
  readonly skip: number;
}

/**
 * Where the dataset is among a listing's keys: below `--prefix` when given, else below the folder the
 * listing says it lists (gcloud), else below the deepest folder all keys share. That shared folder is one
 * up when it holds videos itself: it is then a class folder, and the dataset the folder above it.
 */
export function locateListing(
  listing: Listing,
  file: string,
  prefixOption: string | undefined,
  extensions: ReadonlySet<string>,
): Located {
  const given = prefixOption === undefined ? null : prefixUri(prefixOption);
  if (given !== null && listing.bucket !== null && given.bucket !== listing.bucket)
    throw new DatasetError(
      `--prefix ${prefixOption}: the listing ${file} is of ${listing.bucket}, not ${given.bucket}`,
      `give a prefix in ${listing.bucket}`,
    );
  const bucket = given?.bucket ?? listing.bucket;
  if (bucket === null)
    throw new DatasetError(
      `listing ${file} does not name its bucket (${listing.format})`,
      'give the prefix it lists: --prefix s3://BUCKET/PREFIX/ (or gs://...)',
    );
  const { keys } = listing;
  if (listing.relative === true) return { uri: `${bucket}/${given?.key ?? ''}`, keys, rows: null, skip: 0 };
  const prefix = given?.key ?? listing.prefix ?? sharedFolder(keys, extensions);
  const bytes = Buffer.from(prefix, 'utf8');
  const rows = new Uint32Array(keys.count);
  let n = 0;
  for (let i = 0; i < keys.count; i++)
    if (keys.end(i) - keys.start(i) > bytes.length && keys.startsWith(i, bytes)) rows[n++] = i;
  return { uri: `${bucket}/${prefix}`, keys, rows: n === keys.count ? null : rows.slice(0, n), skip: bytes.length };
}

/** `--prefix s3://bucket/k400` as a bucket and a key prefix ending in `/` (empty for the whole bucket). */
function prefixUri(text: string): { bucket: string; key: string } {
  const parts = splitUri(text.includes('/', 5) ? text : `${text}/`);
  if (parts === null)
    throw new DatasetError(`--prefix ${text}: not an s3:// or gs:// URI`, 'for example --prefix s3://bucket/k400/');
  const key = parts.key === '' || parts.key.endsWith('/') ? parts.key : `${parts.key}/`;
  return { bucket: parts.bucket, key };
}

/** The deepest folder (ending in `/`, or '') that every key is below, one up when it holds videos itself. */
export function sharedFolder(keys: ListedKeys, extensions: ReadonlySet<string>): string {
  if (keys.count === 0) return '';
  const buf = keys.buffer;
  const first = keys.start(0);
  let shared = keys.end(0) - first;
  for (let i = 1; i < keys.count && shared > 0; i++) {
    const start = keys.start(i);
    const length = Math.min(shared, keys.end(i) - start);
    // Most keys share the whole of it: one compare, quicker than a loop over the bytes (see ResizableBytes).
    if (length === shared && buf.compare(buf, first, first + shared, start, start + shared) === 0) continue;
    let n = 0;
    while (n < length && buf[first + n] === buf[start + n]) n++;
    shared = n;
  }
  // Bytes up to the last '/' of the shared start: '/' is never part of a longer UTF-8 sequence.
  const slash = shared === 0 ? -1 : buf.lastIndexOf(47, first + shared - 1);
  let folder = slash < first ? 0 : slash - first + 1;
  let holdsVideos = false;
  for (let i = 0; i < keys.count && !holdsVideos; i++) {
    const start = keys.start(i) + folder;
    const end = keys.end(i);
    if (start >= end) continue;
    const next = buf.indexOf(47, start);
    if (next >= 0 && next < end) continue;
    holdsVideos = classifyFile(buf.toString('utf8', start, end), extensions) === 'video';
  }
  if (holdsVideos && folder > 0) {
    const up = buf.lastIndexOf(47, first + Math.max(0, folder - 2));
    folder = up < first ? 0 : up - first + 1;
  }
  return buf.toString('utf8', first, first + folder);
}
