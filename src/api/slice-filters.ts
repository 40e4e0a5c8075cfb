import type { Clip } from '../clip.js';
import { DatasetError, UsageError } from '../errors.js';
import type { SliceOptions } from '../options/slice-options.js';
import type { ClipFilter, KnownClass } from '../select/slice.js';
import { strategyOf } from '../select/strategies/index.js';
import type { Source } from '../source/source.js';
import type { IdFilters, PreparedSlice } from './slice.js';

/** The filters of a slice, in the order they apply, and whether only class filters are among them. */
export interface SliceFilters {
  readonly filters: ClipFilter[];
  /** Only class filters: annotated rows can still size the classes (see knownClasses). */
  readonly onlyClassFilters: boolean;
}

/** Id lists, then class filters, then probe limits: the names are what the user typed, for an empty result. */
export function sliceFilters(
  prepared: PreparedSlice,
  source: Source,
  ids: IdFilters,
  classes: { readonly include: readonly string[]; readonly exclude: readonly string[] },
): SliceFilters {
  const filters: ClipFilter[] = [];
  if (ids.keep !== null) {
    const keep = ids.keep;
    filters.push({ name: '--ids-file', keep: clip => keep.matches(clip) });
  }
  if (ids.drop !== null) {
    const drop = ids.drop;
    filters.push({ name: '--exclude-ids-file', keep: clip => !drop.matches(clip) });
  }
  if (classes.include.length > 0) {
    const keep = new Set(classes.include);
    filters.push({ name: prepared.include.option, keep: clip => clip.label !== null && keep.has(clip.label) });
  }
  if (classes.exclude.length > 0) {
    const drop = new Set(classes.exclude);
    filters.push({ name: prepared.exclude.option, keep: clip => clip.label === null || !drop.has(clip.label) });
  }
  const probes = probeFilters(prepared.options, source);
  filters.push(...probes);
  return { filters, onlyClassFilters: ids.keep === null && ids.drop === null && probes.length === 0 };
}

/**
 * Rule v2: with annotations, a class is sized by its annotated rows, not by the files present, so a quota is
 * the same in every copy and a chosen clip stays chosen while its file exists. Only class filters can be
 * applied to rows without a file; with a clip filter (lists, probe limits) the usable files size classes.
 */
export function knownClasses(
  source: Source,
  onlyClassFilters: boolean,
  include: readonly string[],
  exclude: readonly string[],
): KnownClass[] | undefined {
  if (source.annotations.length === 0 || !onlyClassFilters) return undefined;
  const keep = (label: string): boolean =>
    (include.length === 0 || include.includes(label)) && !exclude.includes(label);
  return source.parts.flatMap(part =>
    [...part.tally.classes]
      .filter(([label, counts]) => counts.annotated > 0 && keep(label))
      .map(([label, counts]) => ({ split: part.split, label, count: counts.annotated })),
  );
}

/**
 * `--min-duration S` and `--min-frames N` keep clips the probe shows long enough; a clip whose probe cannot
 * say (an unsupported container) is not kept. Matroska stores no frame count, so its frames are estimated as
 * duration times frame rate.
 */
function probeFilters(options: SliceOptions, source: Source): ClipFilter[] {
  const wanted = [
    options.minDuration === undefined ? null : '--min-duration',
    options.minFrames === undefined ? null : '--min-frames',
  ].filter(o => o !== null);
  if (wanted.length > 0 && !source.probed)
    throw new UsageError(
      `${wanted[0]} needs the clips' headers probed`,
      'add --probe, or slice an index made with k400-slice scan --probe',
    );
  const filters: ClipFilter[] = [];
  const { minDuration, minFrames } = options;
  if (minDuration !== undefined)
    filters.push({ name: '--min-duration', keep: clip => (clip.probe?.duration_s ?? -1) >= minDuration });
  if (minFrames !== undefined)
    filters.push({ name: '--min-frames', keep: clip => (framesOf(clip.probe) ?? -1) >= minFrames });
  return filters;
}

export function framesOf(probe: Clip['probe']): number | null {
  if (probe === null || probe === undefined) return null;
  if (probe.num_frames !== null) return probe.num_frames;
  return probe.duration_s !== null && probe.fps !== null ? Math.round(probe.duration_s * probe.fps) : null;
}

/** Strategies that work class by class need every clip to have a class. */
export function requireLabels(source: Source, prepared: PreparedSlice, strategy: string, anyUnlabeled: boolean): void {
  const filterOption = prepared.exclude.names.length > 0 ? prepared.exclude.option : undefined;
  const classFilter = prepared.include.names.length > 0 ? prepared.include.option : filterOption;
  const option = strategyOf({ strategy }).needsLabels ?? classFilter;
  if (option === undefined || !anyUnlabeled) return;
  const files = source.unlabeled.length > 0 ? source.unlabeled.join(', ') : 'the source';
  throw new DatasetError(
    `${option} needs class labels, but ${files} has no label column`,
    'use --count, or --split a split whose annotations have labels',
  );
}
