import type { ScanFoldersOptions } from '../../scan/folder-pool.js';
import { DEFAULT_SEED } from '../../select/clip-key.js';
import type { LoaderProbe } from './types.js';

/** How a loader of folders walks: the probe's extensions, and the threads, seed and probing the load asks for. */
export function walkOptions(probe: LoaderProbe): ScanFoldersOptions & { readonly extensions: ReadonlySet<string> } {
  const { onProgress, threads, seed = DEFAULT_SEED, probe: probing } = probe.options;
  return { extensions: probe.extensions, onProgress, threads, seed, probe: probing };
}
