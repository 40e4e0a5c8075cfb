import { DEFAULT_SEED } from '../../select/clip-key.js';
import type { LoaderProbe } from './types.js';

/** How a loader of folders walks: the probe's extensions and the options of the load. */
export function walkOptions(probe: LoaderProbe) {
  const { onProgress, threads, seed = DEFAULT_SEED, probe: probing } = probe.options;
  return { extensions: probe.extensions, onProgress, threads, seed, probe: probing };
}
