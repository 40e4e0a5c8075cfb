import { DatasetError } from '../../errors.js';
import { isIndexFile, readIndex } from '../index-file.js';
import type { LoadedInput, Loader, LoaderProbe } from './types.js';
import { FITS, rejected } from './types.js';

/** An index `k400-slice scan` wrote as JSON lines: a header line, then one clip a line. */
export const jsonlIndexLoader: Loader = {
  name: 'index',
  needsVideos: false,
  summary: 'an index made by k400-slice scan -o INDEX.jsonl (JSON lines)',
  detect(probe) {
    if (probe.kind !== 'file' || probe.path === undefined) return rejected('not a file');
    return isIndexFile(probe.path) ? FITS : rejected('no k400-slice index header');
  },
  load: probe =>
    checkedIndex(probe, () => readIndex(probe.path as string, probe.given as string, probe.options.seed ?? undefined)),
};

/** What any index refuses: annotations (read when it was made), and --probe when it holds no probes. */
export async function checkedIndex(
  probe: LoaderProbe,
  read: () => LoadedInput | Promise<LoadedInput>,
): Promise<LoadedInput> {
  const given = probe.given as string;
  if ((probe.options.annotations ?? []).length > 0)
    throw new DatasetError(
      `--annotations cannot be used with an index ('${given}')`,
      'annotations are read when the index is made: k400-slice scan ROOT --annotations ...',
    );
  const index = await read();
  if (probe.options.probe !== undefined && index.probed !== true)
    throw new DatasetError(
      `--probe: the index '${given}' was made without probing`,
      'make it again with k400-slice scan ROOT --probe',
    );
  return index;
}
