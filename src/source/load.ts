import { readdirSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AnnotationFile, normalizeSplit, readAnnotationFile } from '../annotations/read-annotations.js';
import { DatasetError } from '../errors.js';
import type { ListingFormat } from '../listing/listing.js';
import { loadListing } from '../listing/load-listing.js';
import { detectListing } from '../listing/read-listing.js';
import { DEFAULT_VIDEO_EXTENSIONS, videoExtensionSet } from '../scan/file-kinds.js';
import { statPath } from '../scan/folder-fs.js';
import { describeFsError, type ProbeCache } from '../scan/folder-scan.js';
import { listSubfolders, type RejectedFolder } from '../scan/layout.js';
import { DEFAULT_SEED } from '../select/clip-key.js';
import { loadAnnotated } from './annotated.js';
import { walkClassTree } from './class-tree.js';
import { countListing } from './count-listing.js';
import { isIndexFile, readIndex } from './index-file.js';
import { isParquetFile, readParquetIndex } from './parquet-index.js';
import { assembleSource, type Source, type SourceInput } from './source.js';

export interface LoadOptions {
  /** Video extensions without dots; default DEFAULT_VIDEO_EXTENSIONS. */
  readonly extensions?: readonly string[] | undefined;
  readonly split?: string | undefined;
  /** Annotation CSVs (`--annotations`): labels, splits and identities come from them. */
  readonly annotations?: readonly string[] | undefined;
  readonly onProgress?: ((filesFound: number, foldersDone: number, folders: number) => void) | undefined;
  /** Threads that walk a root (`--threads`); 0 or 1 walks on the calling thread. Default: one per CPU, at most 8. */
  readonly threads?: number | undefined;
  /** The seed that will select from this source: its keys are hashed on the scan threads. Default: 0. */
  readonly seed?: string | undefined;
  /** How the provenance names the root, when not as `given` (a run config records it as the config writes it). */
  readonly recordAs?: string | undefined;
  /** Probe every video's header (`--probe`); `cache` holds earlier probes by path below the root. */
  readonly probe?: { readonly cache: ReadonlyMap<string, ProbeCache[string]> } | undefined;
  /** `--prefix`: where in its bucket a listing's dataset is (see src/listing/locate.ts). */
  readonly prefix?: string | undefined;
}

/**
 * Reads a dataset: an index made by `k400-slice scan`, a CVDF download (annotations/<split>.csv beside
 * <split>/ folders, found without flags), any root with `--annotations`, or a class tree.
 */
export async function loadSource(given: string, options: LoadOptions = {}): Promise<Source> {
  const root = resolve(given);
  let stats: Stats | undefined;
  try {
    stats = statPath(root);
  } catch (error) {
    throw new DatasetError(`dataset root '${given}': ${describeFsError(error)}`, 'check the path');
  }
  if (stats === undefined) throw new DatasetError(`dataset root '${given}' does not exist`, 'check the path');
  if (!stats.isDirectory()) {
    const listing = stats.isFile() && !isIndexFile(root) ? await detectListing(root, given) : null;
    if (listing !== null) return loadListingSource(root, given, listing, options);
    const parquet = stats.isFile() && isParquetFile(root);
    if (!stats.isFile() || (!parquet && !isIndexFile(root)))
      throw new DatasetError(
        `dataset root '${given}' is ${stats.isFile() ? 'a file' : 'a device, pipe or socket'}, not a folder`,
        'pass the folder that holds the class folders, an index made by k400-slice scan, or a bucket listing',
      );
    if ((options.annotations ?? []).length > 0)
      throw new DatasetError(
        `--annotations cannot be used with an index ('${given}')`,
        'annotations are read when the index is made: k400-slice scan ROOT --annotations ...',
      );
    const index = parquet ? await readParquetIndex(root, given) : readIndex(root, given);
    if (options.probe !== undefined && index.probed !== true)
      throw new DatasetError(
        `--probe: the index '${given}' was made without probing`,
        'make it again with k400-slice scan ROOT --probe',
      );
    return assembleSource({ ...index, split: options.split });
  }
  if (options.prefix !== undefined)
    throw new DatasetError(`--prefix: '${given}' is a folder, not a listing of a bucket`, 'drop --prefix');
  const extensions = videoExtensionSet(options.extensions ?? DEFAULT_VIDEO_EXTENSIONS);
  let top: string[];
  const rejectedTop: RejectedFolder[] = [];
  try {
    top = listSubfolders(root, rejectedTop);
  } catch (error) {
    throw new DatasetError(`cannot read dataset root '${given}': ${describeFsError(error)}`, 'check its permissions');
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const scan = { extensions, onProgress: options.onProgress, threads: options.threads, seed, probe: options.probe };
  const cvdf =
    options.annotations === undefined || options.annotations.length === 0 ? findCvdfAnnotations(root, top) : [];
  const annotationFiles = [
    ...(options.annotations ?? []).map(file => readAnnotationFile(file)),
    ...cvdf.map(file => relativeAnnotation(root, file)),
  ];
  let input: Omit<SourceInput, 'given' | 'split'>;
  if (annotationFiles.length > 0) {
    input = await loadAnnotated(root, top, annotationFiles, { ...scan, cvdf: cvdf.length > 0 });
  } else {
    const walk = await walkClassTree(root, top, { ...scan, split: options.split, rejectedTop });
    for (const { listing, split, label } of walk.listings) countListing(walk.parts.of(split), listing, label);
    input = {
      root,
      layout: walk.layout,
      clips: walk.clips,
      parts: walk.parts,
      keys: walk.keys,
      keySeed: seed,
      fingerprint: walk.fingerprint,
      labelSpace: walk.labelSpace,
    };
  }
  const source = assembleSource({
    ...input,
    given: options.recordAs ?? given,
    split: options.split,
    probed: options.probe !== undefined,
  });
  if (source.report.tally.totals.files === 0) {
    const looked = [...extensions].map(e => `.${e}`).join(' ');
    throw new DatasetError(
      `no videos found below '${given}'`,
      `looked for ${looked}; use --ext to name other extensions`,
    );
  }
  return source;
}

/** A listing of a bucket as the root: read by src/listing/, with the options a listing can honour. */
function loadListingSource(root: string, given: string, format: ListingFormat, options: LoadOptions): Promise<Source> {
  if ((options.annotations ?? []).length > 0)
    throw new DatasetError(`--annotations cannot be used with a listing ('${given}') yet`, 'slice a folder instead');
  if (options.probe !== undefined)
    throw new DatasetError(`--probe: '${given}' is a listing, whose videos are not here to probe`, 'drop --probe');
  return loadListing(root, given, format, {
    extensions: videoExtensionSet(options.extensions ?? DEFAULT_VIDEO_EXTENSIONS),
    seed: options.seed ?? DEFAULT_SEED,
    split: options.split,
    prefix: options.prefix,
    recordAs: options.recordAs,
  });
}

/** CVDF downloads keep `annotations/<split>.csv` beside `<split>/` folders of clips. */
function findCvdfAnnotations(root: string, top: readonly string[]): string[] {
  if (!top.includes('annotations')) return [];
  const splitFolders = new Set(top.filter(name => name !== 'annotations').map(normalizeSplit));
  let names: string[];
  try {
    names = readdirSync(join(root, 'annotations'));
  } catch {
    return [];
  }
  return names
    .filter(name => name.toLowerCase().endsWith('.csv') && splitFolders.has(normalizeSplit(name.slice(0, -4))))
    .sort()
    .map(name => join('annotations', name));
}

/** Reads a CVDF annotation file and records it by its path below the root, not this machine's path. */
function relativeAnnotation(root: string, file: string): AnnotationFile {
  const read = readAnnotationFile(join(root, file));
  return { ...read, file, rows: read.rows.map(row => ({ ...row, file })) };
}
