import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type FolderListing, type ProbeCache, scanFolder } from './folder-scan.js';
import { crossed } from './joined-names.js';

export interface WorkerSetup {
  readonly root: string;
  readonly extensions: string[];
  readonly seed: string | null;
  readonly probe: boolean;
}
export interface WorkerTask {
  readonly index: number;
  readonly folder: string;
  /** With probing: the folder's earlier probes. */
  readonly cache: ProbeCache | null;
  /** See scanFolder. */
  readonly classFolder: string;
}
interface WorkerReply {
  readonly index: number;
  readonly listing: EncodedListing;
}

// Listings cross threads with their paths joined by NUL (the one byte no file name holds) and numbers in
// typed arrays: one string and two buffers clone far faster than thousands of values.
type EncodedListing = Omit<FolderListing, 'files' | 'sizes' | 'keys'> & {
  readonly files: string;
  readonly sizes: Float64Array;
  readonly keys: Float64Array;
};

export function encodeListing(listing: FolderListing): EncodedListing {
  return {
    ...listing,
    files: listing.files.join('\0'),
    sizes: Float64Array.from(listing.sizes),
    keys: Float64Array.from(listing.keys),
  };
}

function decodeListing(encoded: EncodedListing): FolderListing {
  let files: string[] | undefined;
  const listing = {
    ...encoded,
    get files(): string[] {
      files ??= encoded.files === '' ? [] : encoded.files.split('\0');
      return files;
    },
  };
  crossed.set(listing, encoded.files);
  return listing;
}

/** Cached probes grouped by the folder (of `folders`) they sit below, keyed by their path below it. */
function cachesByFolder(
  cache: ReadonlyMap<string, ProbeCache[string]>,
  folders: readonly string[],
): Map<string, ProbeCache> {
  const known = new Set(folders);
  const grouped = new Map<string, ProbeCache>(folders.map(folder => [folder, {}]));
  for (const [path, entry] of cache) {
    // The folder is '' (files directly in the root) or a prefix of the path ending at a '/'.
    let folder: string | undefined = !path.includes('/') && known.has('') ? '' : undefined;
    for (let at = path.indexOf('/'); folder === undefined && at >= 0; at = path.indexOf('/', at + 1)) {
      if (known.has(path.slice(0, at))) folder = path.slice(0, at);
    }
    if (folder !== undefined)
      (grouped.get(folder) as ProbeCache)[folder === '' ? path : path.slice(folder.length + 1)] = entry;
  }
  return grouped;
}

export interface ScanFoldersOptions {
  /** Called after each folder with the number of videos found so far, and folders done of all of them. */
  readonly onProgress?: (filesFound: number, foldersDone: number, folders: number) => void;
  /** Threads that walk; 0 or 1 walks on the calling thread. Default: by the number of folders and CPUs. */
  readonly threads?: number | undefined;
  /**
   * Hash selection keys for this seed while scanning, and put each folder's files in selection order. Null
   * for a walk nothing will select from (`scan`): keys are then a quick hash of each clip id, enough to find
   * repeats, and files stay in the order found.
   */
  readonly seed: string | null;
  /** Probe every video's header; reuse the earlier probes given, by path below the root. */
  readonly probe?: { readonly cache: ReadonlyMap<string, ProbeCache[string]> } | undefined;
  /** The class folder (NFC) a folder's non-Kinetics clip ids start with; default none (see clipIdOf). */
  readonly classFolderOf?: ((folder: string) => string) | undefined;
}

// Below this many folders, starting threads costs more than it saves.
const FOLDERS_PER_THREAD = 32;
const MAX_THREADS = 8;

/**
 * Scans class folders, in parallel when there are enough of them: a walk is mostly `stat` calls, which
 * run concurrently on separate threads. Listings come back in the order of `folders`, whatever order the
 * threads finish in.
 */
export async function scanFolders(
  root: string,
  folders: readonly string[],
  extensions: ReadonlySet<string>,
  options: ScanFoldersOptions,
): Promise<FolderListing[]> {
  const threads =
    options.threads ?? Math.min(MAX_THREADS, availableParallelism(), Math.floor(folders.length / FOLDERS_PER_THREAD));
  let found = 0;
  let done = 0;
  const report = (listing: FolderListing): FolderListing => {
    found += listing.sizes.length;
    done += 1;
    options.onProgress?.(found, done, folders.length);
    return listing;
  };
  const seed = options.seed;
  const caches = options.probe === undefined ? null : cachesByFolder(options.probe.cache, folders);
  const cacheOf = (folder: string): ProbeCache | null => (caches === null ? null : (caches.get(folder) ?? {}));
  if (threads <= 1) {
    return folders.map(folder => {
      const cache = cacheOf(folder);
      const probe = cache === null ? null : { cache };
      return report(scanFolder(root, folder, extensions, seed, probe, options.classFolderOf?.(folder) ?? ''));
    });
  }

  const listings = new Array<FolderListing>(folders.length);
  let next = 0;
  const setup: WorkerSetup = { root, extensions: [...extensions], seed, probe: options.probe !== undefined };
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./folder-worker.js', import.meta.url), { workerData: setup });
      const feed = (): void => {
        if (next < folders.length) {
          const index = next++;
          const folder = folders[index] as string;
          const classFolder = options.classFolderOf?.(folder) ?? '';
          worker.postMessage({ index, folder, cache: cacheOf(folder), classFolder } satisfies WorkerTask);
        } else {
          void worker.terminate().then(() => resolve());
        }
      };
      worker.on('message', (reply: WorkerReply) => {
        listings[reply.index] = report(decodeListing(reply.listing));
        feed();
      });
      worker.once('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(threads, folders.length) }, runWorker));
  return listings;
}
