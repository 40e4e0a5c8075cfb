import { isAbsolute, join } from 'node:path';
import type { SliceOptions } from '../options/slice-options.js';
import { clipPathSet } from '../source/clip-paths.js';
import type { Source } from '../source/source.js';
import type { CommitOptions } from '../write/atomic.js';
import type { InputFile } from '../write/own-inputs.js';

/**
 * Every file a slice reads, for the commit to refuse as an output: the index or root, annotation CSVs (given,
 * or found in a CVDF root), class and id lists, the label map, the run config; and the root's clips.
 */
export function inputsOf(options: SliceOptions, source: Source | null, config?: string): CommitOptions {
  const inputs: InputFile[] = options.source === undefined ? [] : [{ path: options.source, what: 'the source' }];
  const add = (paths: readonly string[] | string | undefined, what: string): void => {
    for (const path of typeof paths === 'string' ? [paths] : (paths ?? [])) inputs.push({ path, what });
  };
  add(options.annotations, 'the annotations');
  add(options.classesFile, 'the --classes-file');
  add(options.excludeClassesFile, 'the --exclude-classes-file');
  add(options.labelMap, 'the --label-map');
  add(options.idsFile, 'the --ids-file');
  add(options.excludeIdsFile, 'the --exclude-ids-file');
  add(config, 'the config');
  if (source === null) return { inputs };
  add(source.index ?? undefined, 'the index');
  // Annotations a CVDF root holds are named relative to the root.
  add(
    source.annotations.map(a => (isAbsolute(a) ? a : join(source.root, a))),
    'the annotations',
  );
  return { inputs, roots: [{ root: source.root, paths: clipPathSet(source.table) }] };
}
