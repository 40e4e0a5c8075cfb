import { compareCodePoints } from '../clip.js';
import type { SliceOptions } from '../options/slice-options.js';
import { describeSpare } from '../select/spare.js';
import type { SizeSpec } from '../select/strategies/index.js';
import type { Source } from '../source/source.js';
import { describeSize } from './describe.js';

/**
 * The `options` record of a slice's provenance: what it took to make these rows, normalized so that two
 * spellings of one slice (`--split validate` and `--split val`, classes in any order) record the same bytes.
 * The keys and their order are part of every golden file: add, never move.
 */
export function provenanceOptions(
  options: SliceOptions,
  source: Source,
  size: SizeSpec,
  classes: { readonly include: readonly string[]; readonly exclude: readonly string[] },
  labelScheme: string,
): Record<string, unknown> {
  const { include, exclude } = classes;
  const style = options.labelStyle;
  return {
    ...describeSize(size).options,
    ...(include.length > 0 ? { classes: [...include].sort(compareCodePoints) } : {}),
    ...(exclude.length > 0 ? { exclude_classes: [...exclude].sort(compareCodePoints) } : {}),
    // The splits read, by their names in the source: `--split validate` and `--split val` are one slice.
    ...(options.split !== undefined ? { split: source.splits.join(',') } : {}),
    ...(options.ext !== undefined ? { extensions: [...options.ext].sort(compareCodePoints) } : {}),
    ...(options.idsFile !== undefined ? { ids_file: options.idsFile } : {}),
    ...(options.excludeIdsFile !== undefined ? { exclude_ids_file: options.excludeIdsFile } : {}),
    ...(source.probed ? { probe: true } : {}),
    ...(options.minDuration !== undefined ? { min_duration: options.minDuration } : {}),
    ...(options.minFrames !== undefined ? { min_frames: options.minFrames } : {}),
    ...(options.splits !== undefined
      ? { splits: Object.fromEntries(options.splits.map(p => [p.name, p.weight])) }
      : {}),
    ...(options.shards !== undefined ? { shards: options.shards } : {}),
    shuffle: options.shuffle,
    label_index: labelScheme,
    ...(options.labelMap !== undefined ? { label_map: options.labelMap } : {}),
    ...(options.labelMapId !== undefined ? { label_map_id: options.labelMapId.toLowerCase() } : {}),
    ...(style !== undefined ? { label_style: style } : {}),
    absolute_paths: options.absolute,
    ...(options.spare !== undefined ? { spare: describeSpare(options.spare) } : {}),
    ...(options.have !== undefined ? { have: options.have } : {}),
  };
}
