import { readAnnotations } from '../annotations/read-annotations.js';
import { normalizeSplit } from '../annotations/split-names.js';
import { compareCodePoints } from '../clip.js';
import { DatasetError } from '../errors.js';
import { grouped } from '../grouped.js';
import { countListing } from '../source/count-listing.js';
import type { LoadedInput } from '../source/loaders/types.js';
import { loadKeyAnnotated } from './key-annotated.js';
import type { KeyFolder } from './key-tree.js';
import { keyTree } from './key-tree.js';
import { walkKeyTree } from './key-walk.js';
import type { ListingFormat } from './listing.js';
import { locateListing } from './locate.js';
import { readListing } from './read-listing.js';

export interface ListingLoadOptions {
  readonly extensions: ReadonlySet<string>;
  readonly seed: string;
  readonly split?: string | undefined;
  /** `--prefix`: the bucket and folder the dataset is in (see locateListing). */
  readonly prefix?: string | undefined;
  /** `--annotations`: local CSVs that give labels, splits and identities, as for a folder. */
  readonly annotations?: readonly string[] | undefined;
  /** How the provenance names the listing. */
  readonly recordAs: string;
  /** Threads that hash the clips (`--threads`); default by CPUs and clips. */
  readonly threads?: number | undefined;
}

/**
 * Reads a dataset from a listing of a bucket instead of a walk of a folder: the layout, clip ids, labels,
 * splits, skipped files and duplicates come from the keys below the prefix by the rules a walk follows, and
 * sizes from the listing, so a listing of a tree slices as the tree does. The root is the prefix's URI.
 */
export async function loadListing(
  path: string,
  given: string,
  format: ListingFormat,
  options: ListingLoadOptions,
): Promise<LoadedInput> {
  const listing = await readListing(path, given, format);
  const located = locateListing(listing, given, options.prefix, options.extensions);
  const { root: tree, problems } = keyTree(located);
  const cvdf = cvdfAnnotations(tree);
  const annotations = readAnnotations(options.annotations ?? []);
  if (annotations.files.length === 0 && cvdf.length > 0)
    throw new DatasetError(
      `listing ${given} is a CVDF download, whose labels are in ${located.uri}annotations/ (${cvdf.join(', ')})`,
      `download them and give each with --annotations (aws s3 cp --recursive ${located.uri}annotations/ annotations/)`,
    );
  const input =
    annotations.files.length > 0
      ? await loadKeyAnnotated(located.uri, tree, annotations, { ...options, cvdf: cvdf.length > 0 })
      : await treeInput(located.uri, tree, options);
  // A loop, not push(...problems): a listing saved twice has a problem a key, past what a call's arguments hold.
  const first = input.parts.all()[0];
  if (first !== undefined) for (const problem of problems) first.problems.push(problem);
  if (input.parts.all().every(part => part.tally.totals.files === 0)) {
    const looked = [...options.extensions].map(e => `.${e}`).join(' ');
    throw new DatasetError(
      `no videos found below ${located.uri} in the listing ${given} (${grouped(listing.keys.count)} keys read)`,
      `looked for ${looked}; use --ext to name other extensions, or --prefix to name the dataset's folder`,
    );
  }
  return { ...input, given: options.recordAs };
}

/** The keys as a class or split tree: the folders name the classes (and splits). */
async function treeInput(
  root: string,
  tree: KeyFolder,
  options: ListingLoadOptions,
): Promise<Omit<LoadedInput, 'given'>> {
  const walk = await walkKeyTree(tree, options);
  for (const { listing: found, split, label } of walk.listings) countListing(walk.parts.of(split), found, label);
  return {
    root,
    layout: walk.layout,
    clips: walk.table,
    parts: walk.parts,
    labelSpace: walk.labelSpace,
  };
}

/**
 * The annotation CSVs of a CVDF download (`annotations/<split>.csv` beside `<split>/` folders): a listing
 * holds only their names, so they must be downloaded and given with --annotations.
 */
function cvdfAnnotations(tree: KeyFolder): string[] {
  const annotations = tree.folders.get('annotations');
  if (annotations === undefined) return [];
  const splits = new Set(
    tree
      .visibleFolders()
      .filter(name => name !== 'annotations')
      .map(normalizeSplit),
  );
  return annotations
    .fileNames()
    .filter(name => name.toLowerCase().endsWith('.csv') && splits.has(normalizeSplit(name.slice(0, -4))))
    .sort(compareCodePoints);
}
