import { NothingSelectedError } from '../errors.js';
import { mapIndexing, relabelIndexing, sourceIndexing, type LabelIndexing } from '../labels/label-index.js';
import { readNameList } from '../labels/name-list.js';
import { ClassMatcher } from '../labels/spellings.js';
import { sizeSpecOf, type SliceOptions } from '../options/slice-options.js';
import { loadSource, type Source } from '../scan/source.js';
import { sliceClips, type ClipFilter, type SliceResult } from '../select/slice.js';
import { assertWritable, type PlannedFile } from '../write/atomic.js';
import { buildManifest, manifestClips } from '../write/build-manifest.js';
import { buildProvenance } from '../write/provenance.js';
import { chooseWriter } from '../write/writers/index.js';
import { compareCodePoints } from '../clip.js';
import { describeSize } from './describe.js';

export interface SliceHooks {
  readonly onProgress?: ((filesFound: number) => void) | undefined;
  /** Worker threads for the scan; default chosen by the scanner. */
  readonly threads?: number | undefined;
}

/** What a slice run produced, before anything is written: the files, or stdout, and the summary's data. */
export interface SlicePlan {
  /** Files to write; empty when the manifest goes to stdout. */
  readonly files: PlannedFile[];
  readonly stdout: string | null;
  readonly source: Source;
  readonly result: SliceResult;
  readonly output: string;
  readonly warnings: string[];
}

export async function planSlice(options: SliceOptions, hooks: SliceHooks = {}): Promise<SlicePlan> {
  const writer = chooseWriter(options.format, options.output);
  const toStdout = options.output === '-';
  const sidecar = writer.sidecar && options.meta && !toStdout ? `${options.output}.meta.json` : null;
  if (!toStdout) assertWritable(options.output);
  if (sidecar !== null) assertWritable(sidecar);
  const includeNames = [...(options.classes ?? []), ...namesFrom(options.classesFile, '--classes-file')];
  const excludeNames = [...(options.excludeClasses ?? []), ...namesFrom(options.excludeClassesFile, '--exclude-classes-file')];
  const labelMap = options.labelMap === undefined ? undefined : readNameList(options.labelMap, '--label-map');

  const source = await loadSource(options.source, { extensions: options.ext, split: options.split, seed: options.seed, onProgress: hooks.onProgress, threads: hooks.threads });
  const matcher = new ClassMatcher(source.classes);
  const include = matcher.resolve(includeNames, options.classesFile !== undefined && options.classes === undefined ? '--classes-file' : '--classes');
  const exclude = matcher.resolve(excludeNames, options.excludeClassesFile !== undefined && options.excludeClasses === undefined ? '--exclude-classes-file' : '--exclude-classes');
  const filters: ClipFilter[] = [];
  if (include.length > 0) {
    const keep = new Set(include);
    filters.push({ name: '--classes', keep: (clip) => clip.label !== null && keep.has(clip.label) });
  }
  if (exclude.length > 0) {
    const drop = new Set(exclude);
    filters.push({ name: '--exclude-classes', keep: (clip) => clip.label === null || !drop.has(clip.label) });
  }

  const size = sizeSpecOf(options);
  const result = sliceClips(source.clips, { seed: options.seed, keyOf: source.keyOf(options.seed), size, filters, shuffle: options.shuffle });
  if (result.rows.length === 0) throw nothingSelected(result, describeSize(size));

  const labels = labelIndexing(options, source, result, labelMap);
  const clips = manifestClips(result.rows, labels, options.absolute ? source.root : null);
  const normalized: Record<string, unknown> = {
    ...describeSize(size).options,
    ...(include.length > 0 ? { classes: [...include].sort(compareCodePoints) } : {}),
    ...(exclude.length > 0 ? { exclude_classes: [...exclude].sort(compareCodePoints) } : {}),
    ...(options.split !== undefined ? { split: options.split } : {}),
    ...(options.ext !== undefined ? { extensions: [...options.ext].sort(compareCodePoints) } : {}),
    shuffle: options.shuffle,
    label_index: labels.scheme,
    ...(options.labelMap !== undefined ? { label_map: options.labelMap } : {}),
    absolute_paths: options.absolute,
  };
  const provenance = buildProvenance({ seed: options.seed, options: normalized, source, result, format: writer.name });
  const manifest = buildManifest(provenance, clips, labels);
  const body = writer.render(manifest);
  const files: PlannedFile[] = [];
  if (!toStdout) files.push({ path: options.output, content: body });
  if (sidecar !== null) {
    const { clips: _omitted, ...meta } = manifest;
    files.push({ path: sidecar, content: `${JSON.stringify(meta, null, 2)}\n` });
  }
  return { files, stdout: toStdout ? body : null, source, result, output: options.output, warnings: result.warnings };
}

function namesFrom(file: string | undefined, option: string): string[] {
  return file === undefined ? [] : readNameList(file, option).map((entry) => entry.name);
}

function labelIndexing(options: SliceOptions, source: Source, result: SliceResult, labelMap: ReturnType<typeof readNameList> | undefined): LabelIndexing {
  const selected = [...new Set(result.rows.flatMap((clip) => (clip.label === null ? [] : [clip.label])))].sort(compareCodePoints);
  if (labelMap !== undefined) return mapIndexing(labelMap, source.classes, selected, options.labelMap as string);
  return options.relabel ? relabelIndexing(selected) : sourceIndexing(source.classes);
}

function nothingSelected(result: SliceResult, size: ReturnType<typeof describeSize>): NothingSelectedError {
  const emptied = result.stages.find((stage) => stage.remaining === 0);
  if (emptied !== undefined) {
    const what = emptied.name === 'zero-byte files' ? 'every clip is an empty (zero-byte) file' : `${emptied.name} removed every remaining clip`;
    return new NothingSelectedError(`nothing selected: ${what}`, 'check the filters against `k400-slice stats`');
  }
  return new NothingSelectedError(`nothing selected: ${size.flag} keeps no clip of any class`, 'raise it, or set --min-per-class');
}
