import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import { DatasetError } from '../errors.js';
import { DEFAULT_VIDEO_EXTENSIONS, videoExtensionSet } from '../scan/file-kinds.js';
import { describeFsError, statPath } from '../scan/folder-fs.js';
import type { ProbeCache } from '../scan/folder-scan.js';
import { listSubfolders, type RejectedFolder } from '../scan/layout.js';
import { chooseLoader } from './loaders/index.js';
import { LISTING_LAYOUTS } from './loaders/listings.js';
import type { LoaderProbe, ProbeKind } from './loaders/types.js';
import { assembleSource, type Source } from './source.js';

export interface LoadOptions {
  /** Video extensions without dots; default DEFAULT_VIDEO_EXTENSIONS. */
  readonly extensions?: readonly string[] | undefined;
  readonly split?: string | undefined;
  /** Annotation CSVs (`--annotations`): labels, splits and identities come from them. */
  readonly annotations?: readonly string[] | undefined;
  /** The loader to use (`--layout`), which must fit; default: the first of the registry that fits. */
  readonly layout?: string | undefined;
  readonly onProgress?: ((filesFound: number, foldersDone: number, folders: number) => void) | undefined;
  /** Threads that walk a root (`--threads`); 0 or 1 walks on the calling thread. Default: one per CPU, at most 8. */
  readonly threads?: number | undefined;
  /**
   * The seed that will select from this source: its keys are hashed on the scan threads. Default: 0. Null
   * when nothing will be selected from it (`scan`): a walk then hashes no selection keys and sorts nothing.
   */
  readonly seed?: string | null | undefined;
  /** How the provenance names the root, when not as `given` (a run config records it as the config writes it). */
  readonly recordAs?: string | undefined;
  /** Probe every video's header (`--probe`); `cache` holds earlier probes by path below the root. */
  readonly probe?: { readonly cache: ReadonlyMap<string, ProbeCache[string]> } | undefined;
  /** `--prefix`: where in its bucket a listing's dataset is (see src/listing/locate.ts). */
  readonly prefix?: string | undefined;
}

/**
 * Reads a dataset with the loader that fits it (see `loaders/index.ts`): an index made by `k400-slice scan`,
 * a CVDF download, any root with `--annotations`, a split or class tree, or with no root (`given`
 * undefined) the annotations alone.
 */
export async function loadSource(given: string | undefined, options: LoadOptions = {}): Promise<Source> {
  const probe = probeOf(given, options);
  const loader = chooseLoader(probe, options.layout);
  if (options.prefix !== undefined && !LISTING_LAYOUTS.has(loader.name))
    throw new DatasetError(
      `--prefix: '${given}' is read as ${loader.name}, not a listing of a bucket`,
      'drop --prefix',
    );
  const source = assembleSource({
    ...(await loader.load(probe)),
    split: options.split,
    seed: options.seed ?? undefined,
  });
  if (loader.needsVideos && source.report.tally.totals.files === 0) {
    const looked = [...probe.extensions].map(e => `.${e}`).join(' ');
    throw new DatasetError(
      `no videos found below '${given}'`,
      `looked for ${looked}; use --ext to name other extensions`,
    );
  }
  return source;
}

/** Looks at the given path once: its stat and, for a folder, its sub-folders. */
export function probeOf(given: string | undefined, options: LoadOptions): LoaderProbe {
  const extensions = videoExtensionSet(options.extensions ?? DEFAULT_VIDEO_EXTENSIONS);
  const base = { given, recordAs: options.recordAs ?? given ?? '', extensions, options };
  if (given === undefined)
    return { ...base, path: undefined, kind: 'none', stats: undefined, top: [], rejectedTop: [] };
  const path = resolve(given);
  let stats: Stats | undefined;
  try {
    stats = statPath(path);
  } catch (error) {
    throw new DatasetError(`dataset root '${given}': ${describeFsError(error)}`, 'check the path');
  }
  const kind = kindOf(stats);
  const rejectedTop: RejectedFolder[] = [];
  let top: string[] = [];
  if (kind === 'folder') {
    try {
      top = listSubfolders(path, rejectedTop);
    } catch (error) {
      throw new DatasetError(`cannot read dataset root '${given}': ${describeFsError(error)}`, 'check its permissions');
    }
  }
  return { ...base, path, kind, stats, top, rejectedTop };
}

function kindOf(stats: Stats | undefined): ProbeKind {
  if (stats === undefined) return 'missing';
  if (stats.isDirectory()) return 'folder';
  return stats.isFile() ? 'file' : 'other';
}
