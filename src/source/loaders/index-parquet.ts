import { readParquetIndex } from '../parquet-index.js';
import { isParquetFile } from '../parquet-magic.js';
import { checkedIndex } from './index-jsonl.js';
import { FITS, type Loader, rejected } from './types.js';

/** An index `k400-slice scan -o INDEX.parquet` wrote: the header in the file's key-value metadata. */
export const parquetIndexLoader: Loader = {
  name: 'parquet-index',
  needsVideos: false,
  summary: 'an index made by k400-slice scan -o INDEX.parquet (needs DuckDB)',
  detect(probe) {
    if (probe.kind !== 'file' || probe.path === undefined) return rejected('not a file');
    return isParquetFile(probe.path) ? FITS : rejected('not a Parquet file');
  },
  load: probe =>
    checkedIndex(probe, () =>
      readParquetIndex(probe.path as string, probe.given as string, probe.options.seed ?? undefined),
    ),
};
