import { sortClips } from '../clip.js';
import { sourceIndexing } from '../labels/label-index.js';
import { readIndex } from '../source/index-file.js';
import { readParquetIndex } from '../source/parquet-index.js';
import { assembleSource, type Source } from '../source/source.js';
import { manifestClips } from '../write/build-manifest.js';
import type { ManifestClip } from './schema.js';

/** An index read as a manifest: its clips, indexed in the source's label space, and the root it records. */
export interface IndexAsManifest {
  readonly root: string;
  readonly clips: ManifestClip[];
}

/**
 * Every clip an index offers for selection, as manifest rows: `verify`, `diff` and `stats` then treat an
 * index like a manifest of everything. Empty files are left out (they are never selected).
 */
export function readIndexAsManifest(file: string): IndexAsManifest {
  return asManifest(assembleSource(readIndex(file, file)));
}

/** The same rows from a Parquet index, which only DuckDB reads (hence async, and DuckDB must be installed). */
export async function readParquetIndexAsManifest(file: string): Promise<IndexAsManifest> {
  return asManifest(assembleSource(await readParquetIndex(file, file)));
}

function asManifest(source: Source): IndexAsManifest {
  const nonEmpty = sortClips(source.clips).filter(clip => clip.sizeBytes !== 0);
  const clips = manifestClips(nonEmpty, sourceIndexing(source.classes), null);
  return { root: source.root, clips };
}
