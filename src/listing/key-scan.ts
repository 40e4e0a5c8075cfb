import { clipIdOf } from '../scan/clip-name.js';
import { withJoinedNames } from '../scan/clip-table.js';
import { classifyFile } from '../scan/file-kinds.js';
import type { FolderListing, ScanProblem, SkippedFile } from '../scan/folder-scan.js';
import { selectionOrder } from '../select/keyed.js';
import { type Hashed, hashClips } from './key-hash.js';
import type { KeyFolder } from './key-tree.js';

// As deep as a walk of a folder reads below a class folder (folder-scan.ts): deeper keys are reported.
const MAX_DEPTH = 16;

/** A class folder's videos before they are keyed: paths below it, sizes and clip ids, and what was skipped. */
export interface FoundVideos {
  readonly folder: string;
  readonly files: string[];
  readonly sizes: number[];
  readonly ids: string[];
  readonly skipped: SkippedFile[];
  readonly problems: ScanProblem[];
  /** Where keyedListing puts the sizes and keys in selection order (views of a clip table's columns). */
  readonly into?: { readonly sizes: Float64Array; readonly keys: Float64Array } | undefined;
}

/**
 * What a walk of `folder` finds, from the keys: the same videos, sizes, skipped files and problems (see
 * scanFolder). `recursive` false lists the files of the folder alone, as a walk lists the root of a flat
 * download. The videos are keyed by keyedListing, on this thread or another (key-hash-pool.ts).
 */
export function findKeyVideos(
  node: KeyFolder,
  folder: string,
  extensions: ReadonlySet<string>,
  classFolder = '',
  recursive = true,
): FoundVideos {
  const files: string[] = [];
  const sizes: number[] = [];
  const skipped: SkippedFile[] = [];
  const problems: ScanProblem[] = [];
  const pathOf = (rel: string): string => (folder === '' ? rel : `${folder}/${rel}`);
  const walk = (at: KeyFolder, prefix: string, depth: number): void => {
    at.rows.forEach(row => {
      const name = at.nameOf(row);
      const kind = classifyFile(name, extensions);
      if (kind !== 'video') skipped.push({ kind, path: pathOf(prefix + name) });
      else {
        files.push(prefix + name);
        sizes.push(at.sizeOf(row));
      }
    });
    if (!recursive) return;
    for (const [name, sub] of at.folders) {
      if (name.startsWith('.')) skipped.push({ kind: 'hidden', path: pathOf(prefix + name) });
      else if (depth >= MAX_DEPTH)
        problems.push({ path: pathOf(prefix + name), message: `deeper than ${MAX_DEPTH} folders, not read` });
      else walk(sub, `${prefix}${name}/`, depth + 1);
    }
  };
  walk(node, '', 0);
  const ids = files.map(file => clipIdOf(file, classFolder));
  return { folder, files, sizes, ids, skipped, problems };
}

/** Found videos with their keys as a folder listing: in selection order, as a walk of a folder returns it. */
export function keyedListing(found: FoundVideos, hashed: Hashed): FolderListing {
  const { ids } = found;
  const { keys } = hashed;
  const n = ids.length;
  const order = selectionOrder(keys, i => ids[i] as string);
  const sorted = new Array<string>(n);
  const sizes = found.into?.sizes ?? new Float64Array(n);
  const sortedKeys = found.into?.keys ?? new Float64Array(n);
  order.forEach((i, at) => {
    sorted[at] = found.files[i] as string;
    sizes[at] = found.sizes[i] as number;
    sortedKeys[at] = keys[i] as number;
  });
  const { folder, skipped, problems } = found;
  const rest = { folder, sizes, keys: sortedKeys, fingerprint: hashed.lanes, skipped, problems, probes: null };
  return joinedListing(sorted.join('\0'), n, rest);
}

/** A folder's listing from the keys, keyed on this thread (see findKeyVideos). */
export function scanKeyFolder(
  node: KeyFolder,
  folder: string,
  extensions: ReadonlySet<string>,
  seed: string,
  classFolder = '',
  recursive = true,
): FolderListing {
  const found = findKeyVideos(node, folder, extensions, classFolder, recursive);
  return keyedListing(found, hashClips(seed, found.ids, found.sizes));
}

/**
 * A listing that holds its names as one string, as a scan thread sends them; an array of them is made only
 * if one is read. Made out here so that its getter keeps nothing of the scan's own arrays alive.
 */
function joinedListing(joined: string, n: number, rest: Omit<FolderListing, 'files'>): FolderListing {
  let files: string[] | undefined;
  const listing: FolderListing = {
    ...rest,
    get files(): string[] {
      files ??= n === 0 ? [] : joined.split('\0');
      return files;
    },
  };
  return withJoinedNames(listing, joined);
}
