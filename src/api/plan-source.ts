import { statSync } from 'node:fs';
import type { Clip } from '../clip.js';
import { DatasetError } from '../errors.js';
import type { SliceOptions } from '../options/slice-options.js';
import { type LoadOptions, loadSource } from '../source/load.js';
import type { Source } from '../source/source.js';

/**
 * The source a slice reads: its dataset root (or index), or, with no root, its annotation CSVs alone; the
 * loader is the one `--layout` names, or the first that fits.
 * `split` undefined reads every split, for callers that restrict one walk to several splits (`run`).
 */
export async function loadSliceSource(
  options: SliceOptions,
  load: Omit<LoadOptions, 'annotations' | 'extensions' | 'seed' | 'probe' | 'layout'>,
): Promise<Source> {
  return loadSource(options.source, {
    ...load,
    layout: options.layout,
    annotations: options.annotations,
    extensions: options.ext,
    seed: options.seed,
    prefix: options.prefix,
    probe: options.probe ? { cache: new Map() } : undefined,
  });
}

/** A clip a download need not fetch again: a file that is not empty and that no probe found damaged. */
function usable(clip: Clip): boolean {
  return clip.sizeBytes !== 0 && clip.probe?.status !== 'corrupt';
}

/**
 * `--have ROOT`: the clip ids already downloaded below ROOT (or in an index of it). A folder is read with
 * the plan's annotations, so files named by the youtube id alone are known too; every split is read.
 */
export async function loadHave(
  have: string,
  annotations: readonly string[] | undefined,
  load: Pick<LoadOptions, 'onProgress' | 'threads'>,
): Promise<ReadonlySet<string>> {
  const stats = statSync(have, { throwIfNoEntry: false });
  if (stats === undefined)
    throw new DatasetError(`--have ${have}: no such folder or index`, 'name the folder the downloads went to');
  const folder = stats.isDirectory();
  let source: Source;
  try {
    const { onProgress, threads } = load;
    source = await loadSource(have, { onProgress, threads, annotations: folder ? annotations : undefined });
  } catch (error) {
    // A download folder with nothing in it yet has nothing to leave out of the plan.
    if (folder && error instanceof DatasetError && error.message.startsWith('no videos found')) return new Set();
    throw error;
  }
  return new Set(source.clips.filter(usable).map(clip => clip.clipId));
}
