import { DatasetError } from '../errors.js';
import { classifyFile } from '../scan/file-kinds.js';
import { type Listing, splitUri } from './listing.js';

/** A listing's objects as paths below the prefix, and where that prefix is. */
export interface Located {
  /** The prefix as a URI ending in `/` (`s3://bucket/k400/`): what the provenance records as the root. */
  readonly uri: string;
  /** Paths below the prefix, `/`-separated, with sizes; objects outside it are left out. */
  readonly objects: { readonly path: string; readonly size: number }[];
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
  if (listing.relative === true) {
    const prefix = given?.key ?? '';
    return { uri: `${bucket}/${prefix}`, objects: listing.objects.map(o => ({ path: o.key, size: o.size })) };
  }
  const prefix =
    given?.key ??
    listing.prefix ??
    sharedFolder(
      listing.objects.map(o => o.key),
      extensions,
    );
  const objects = listing.objects.flatMap(o =>
    o.key.startsWith(prefix) && o.key !== prefix ? [{ path: o.key.slice(prefix.length), size: o.size }] : [],
  );
  return { uri: `${bucket}/${prefix}`, objects };
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
export function sharedFolder(keys: readonly string[], extensions: ReadonlySet<string>): string {
  if (keys.length === 0) return '';
  let shared = keys[0] as string;
  for (const key of keys) {
    let n = 0;
    while (n < shared.length && n < key.length && shared.charCodeAt(n) === key.charCodeAt(n)) n++;
    shared = shared.slice(0, n);
  }
  let folder = shared.slice(0, shared.lastIndexOf('/') + 1);
  const holdsVideos = keys.some(key => {
    const rest = key.slice(folder.length);
    return rest !== '' && !rest.includes('/') && classifyFile(rest, extensions) === 'video';
  });
  if (holdsVideos && folder !== '') folder = folder.slice(0, folder.lastIndexOf('/', folder.length - 2) + 1);
  return folder;
}
