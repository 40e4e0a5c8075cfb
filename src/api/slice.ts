import { dirname, resolve } from 'node:path';
import { type Clip, compareCodePoints, compareNullable } from '../clip.js';
import { DatasetError, NothingSelectedError, UsageError } from '../errors.js';
import { type LabelIndexing, mapIndexing, relabelIndexing, sourceIndexing } from '../labels/label-index.js';
import { type NameEntry, readNameList } from '../labels/name-list.js';
import { ClassMatcher, spell } from '../labels/spellings.js';
import { type IdList, IdMatcher, readIdList } from '../lists/id-list.js';
import type { ManifestClip, Provenance } from '../manifest/schema.js';
import { type SliceOptions, sizeSpecOf } from '../options/slice-options.js';
import type { Stratum } from '../select/keyed.js';
import { dealShards, type PartWeight, partDeviation, splitIntoParts } from '../select/parts.js';
import { type ClipFilter, type KnownClass, orderRows, type SliceResult, sliceClips } from '../select/slice.js';
import { describeSpare } from '../select/spare.js';
import type { Source } from '../source/source.js';
import { assertWritable, contentText, type PlannedFile } from '../write/atomic.js';
import { manifestClasses, manifestClips } from '../write/build-manifest.js';
import { isStraightOutput } from '../write/output-target.js';
import { refuseOwnInputs } from '../write/own-inputs.js';
import { buildProvenance } from '../write/provenance.js';
import { chooseWriter, type ManifestWriter, renderInBlocks } from '../write/writers/index.js';
import { describeSize } from './describe.js';

/** A slice's options with its small input files read and its outputs checked: everything before the scan. */
export interface PreparedSlice {
  readonly options: SliceOptions;
  readonly writer: ManifestWriter;
  readonly sidecar: string | null;
  readonly include: { readonly names: string[]; readonly option: string };
  readonly exclude: { readonly names: string[]; readonly option: string };
  readonly labelMap: NameEntry[] | undefined;
  readonly idLists: IdList[];
  readonly excludeIdLists: IdList[];
}

/**
 * Fails fast, before any scanning, on outputs that cannot be written and lists that cannot be read
 * (`checkOutputs: false` for `run --check`, which writes nothing).
 */
export function prepareSlice(options: SliceOptions, { checkOutputs = true } = {}): PreparedSlice {
  const writer = chooseWriter(options.format, options.output);
  const toStdout = options.output === '-';
  const sidecar =
    writer.sidecar && options.meta && !toStdout && !isStraightOutput(options.output)
      ? `${options.output}.meta.json`
      : null;
  if (checkOutputs) {
    // Each expanded path is checked, not the template: `out/{split}/m.csv` is `out/train/m.csv`, ...
    const outputs = [...firstOutputs(options), options.report ?? null].filter(p => p !== null && p !== '-');
    refuseOwnInputs(outputs as string[], []);
    for (const path of outputs) assertWritable(path as string);
  }
  const names = (list: string[] | undefined, file: string | undefined, fileOption: string): string[] => [
    ...(list ?? []),
    ...(file === undefined ? [] : readNameList(file, fileOption).map(entry => entry.name)),
  ];
  return {
    options,
    writer,
    sidecar,
    include: {
      names: names(options.classes, options.classesFile, '--classes-file'),
      option: options.classes === undefined && options.classesFile !== undefined ? '--classes-file' : '--classes',
    },
    exclude: {
      names: names(options.excludeClasses, options.excludeClassesFile, '--exclude-classes-file'),
      option:
        options.excludeClasses === undefined && options.excludeClassesFile !== undefined
          ? '--exclude-classes-file'
          : '--exclude-classes',
    },
    labelMap:
      options.labelMap === undefined ? undefined : readNameList(options.labelMap, '--label-map', options.labelMapId),
    idLists: (options.idsFile ?? []).map(file => readIdList(file, '--ids-file')),
    excludeIdLists: (options.excludeIdsFile ?? []).map(file => readIdList(file, '--exclude-ids-file')),
  };
}

/** The first and last shard of every part, and their sidecars: enough to find a bad folder before the scan. */
function firstOutputs(options: SliceOptions): string[] {
  const shards = options.shards === undefined ? [null] : [...new Set([0, options.shards - 1])];
  const paths = (options.splits?.map(p => p.name) ?? [null]).flatMap(part =>
    shards.map(shard => fillTemplate(options.output, part, shard, options.shards ?? 1)),
  );
  const sidecars = options.meta && chooseWriter(options.format, options.output).sidecar;
  return [...paths, ...(sidecars ? paths.filter(p => !isStraightOutput(p)).map(p => `${p}.meta.json`) : [])];
}

/** The subset lists matched against a source: what they keep, and which listed ids named nothing. */
export interface IdFilters {
  readonly keep: IdMatcher | null;
  readonly drop: IdMatcher | null;
}

export function matchIdLists(prepared: PreparedSlice, source: Source): IdFilters {
  if (prepared.idLists.length === 0 && prepared.excludeIdLists.length === 0) return { keep: null, drop: null };
  const known = {
    clipIds: new Set(source.clips.map(c => c.clipId)),
    youtubeIds: new Set(source.clips.flatMap(c => (c.youtubeId === null ? [] : [c.youtubeId]))),
  };
  return {
    keep: prepared.idLists.length === 0 ? null : new IdMatcher(prepared.idLists, known),
    drop: prepared.excludeIdLists.length === 0 ? null : new IdMatcher(prepared.excludeIdLists, known),
  };
}

/** One manifest a slice writes. */
export interface PlannedOutput {
  readonly path: string;
  readonly part: string | null;
  readonly shard: number | null;
  readonly rows: number;
  /** What this manifest's provenance says: the HTML page and the Markdown card are drawn from it. */
  readonly provenance: Provenance;
  /** Classes with at least one row. */
  readonly classes: number;
}

/** What a slice produced, before anything is written: the files, or stdout, and the summary's data. */
export interface SlicePlan {
  /** Files to write (manifests and sidecars); empty when the manifest goes to stdout. */
  readonly files: PlannedFile[];
  readonly stdout: string | null;
  readonly result: SliceResult;
  readonly warnings: string[];
  readonly outputs: PlannedOutput[];
  /** With `--have`: per split, clips the plan selected, those already downloaded, and those left to fetch. */
  readonly have: HaveCount[] | null;
  /** With --splits: how far the parts ended from their shares, in clips (see partDeviation). */
  readonly deviation: { readonly total: number; readonly class: number } | null;
}

/**
 * A selection made elsewhere (`--engine duckdb`), for a source whose clips were never loaded: the result, and
 * what planSlice would otherwise learn from the clips.
 */
export interface Preselected {
  readonly result: SliceResult;
  /** Clips in the source before any filter. */
  readonly total: number;
}

/** The class filters of a slice, matched against the source's classes; fails first if labels are missing. */
export function resolveClasses(
  prepared: PreparedSlice,
  source: Source,
  anyUnlabeled: boolean,
): { include: string[]; exclude: string[] } {
  requireLabels(source, prepared, sizeSpecOf(prepared.options).strategy, anyUnlabeled);
  const matcher = new ClassMatcher(source.classes);
  return {
    include: matcher.resolve(prepared.include.names, prepared.include.option),
    exclude: matcher.resolve(prepared.exclude.names, prepared.exclude.option),
  };
}

export interface HaveCount {
  readonly split: string | null;
  readonly planned: number;
  readonly present: number;
  readonly download: number;
}

/** `have`: clip ids already downloaded (`--have`), which a download plan leaves out. */
export function planSlice(
  prepared: PreparedSlice,
  source: Source,
  ids: IdFilters,
  more: { readonly preselected?: Preselected; readonly have?: ReadonlySet<string> | null } = {},
): SlicePlan {
  const { preselected } = more;
  const have = more.have ?? null;
  const { options, writer } = prepared;
  const size = sizeSpecOf(options);
  const { include, exclude } = resolveClasses(
    prepared,
    source,
    preselected === undefined && source.clips.some(clip => clip.label === null),
  );
  const filters: ClipFilter[] = [];
  if (ids.keep !== null) {
    const keep = ids.keep;
    filters.push({ name: '--ids-file', keep: clip => keep.matches(clip) });
  }
  if (ids.drop !== null) {
    const drop = ids.drop;
    filters.push({ name: '--exclude-ids-file', keep: clip => !drop.matches(clip) });
  }
  if (include.length > 0) {
    const keep = new Set(include);
    filters.push({ name: prepared.include.option, keep: clip => clip.label !== null && keep.has(clip.label) });
  }
  if (exclude.length > 0) {
    const drop = new Set(exclude);
    filters.push({ name: prepared.exclude.option, keep: clip => clip.label === null || !drop.has(clip.label) });
  }
  const probes = probeFilters(options, source);
  filters.push(...probes);
  const onlyClassFilters = ids.keep === null && ids.drop === null && probes.length === 0;

  const result =
    preselected?.result ??
    sliceClips(source.clips, {
      seed: options.seed,
      keyOf: source.keyOf(options.seed),
      size,
      filters,
      shuffle: options.shuffle,
      spare: options.spare,
      known: knownClasses(source, onlyClassFilters, include, exclude),
    });
  const total = preselected?.total ?? source.clips.length;
  if (result.rows.length === 0) throw nothingSelected(source, total, result, describeSize(size), ids);
  // Checked before shards are dealt: every shard is a list and a file, so more shards than clips is waste.
  if (options.shards !== undefined && options.shards > result.rows.length)
    throw new UsageError(
      `--shards ${options.shards}: more shards than the ${result.rows.length} clips selected`,
      `use at most ${result.rows.length} shards`,
    );

  const labels = labelIndexing(prepared, source, result);
  const style = options.labelStyle;
  const spellLabel = style === undefined ? undefined : (label: string): string => spell(label, style);
  const normalized: Record<string, unknown> = {
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
    label_index: labels.scheme,
    ...(options.labelMap !== undefined ? { label_map: options.labelMap } : {}),
    ...(options.labelMapId !== undefined ? { label_map_id: options.labelMapId.toLowerCase() } : {}),
    ...(style !== undefined ? { label_style: style } : {}),
    absolute_paths: options.absolute,
    ...(options.spare !== undefined ? { spare: describeSpare(options.spare) } : {}),
    ...(options.have !== undefined ? { have: options.have } : {}),
  };
  const files: PlannedFile[] = [];
  const outputs: PlannedOutput[] = [];
  const emptyPieces: string[] = [];
  let stdout: string | null = null;
  const parts = options.splits === undefined ? [] : splitIntoParts(result.selection, options.splits);
  for (const piece of divide(result.selection, options.splits, options.shards, parts)) {
    // A slice written whole keeps the rows sliceClips already ordered.
    const selected =
      piece.selection === result.selection
        ? result.rows
        : orderRows(piece.selection, options.shuffle, options.seed, piece.part !== null);
    const rows = have === null ? selected : selected.filter(clip => !have.has(clip.clipId));
    const path = fillTemplate(options.output, piece.part, piece.shard, options.shards ?? 1);
    const perStratum = new Map(piece.selection.map(s => [`${s.split}\0${s.label}`, s.clips.length]));
    const counts = {
      ...result,
      rows,
      strata: result.strata.map(s => ({ ...s, selected: perStratum.get(`${s.split}\0${s.label}`) ?? 0 })),
    };
    const built = buildProvenance({
      seed: options.seed,
      options: normalized,
      source,
      result: counts,
      format: writer.name,
      part: piece.part,
      shard: piece.shard === null ? null : { index: piece.shard, of: options.shards ?? 1 },
      manifestDir: path === '-' ? resolve('.') : dirname(resolve(path)),
    });
    // A plan that leaves out what is on disk says how many it selected and how many were there already.
    const provenance =
      have === null
        ? built
        : { ...built, counts: { ...built.counts, planned: selected.length, present: selected.length - rows.length } };
    const head = { provenance, classes: manifestClasses(rows, labels, spellLabel) };
    const toManifest = (block: readonly Clip[]): ManifestClip[] =>
      manifestClips(block, labels, options.absolute ? source.root : null, spellLabel, piece.part);
    const body = renderInBlocks(writer.open(head, { separator: options.separator }), rows, toManifest);
    const classes = new Set(rows.map(row => row.label)).size;
    outputs.push({ path, part: piece.part, shard: piece.shard, rows: rows.length, provenance, classes });
    if (selected.length === 0) emptyPieces.push(path);
    if (path === '-') stdout = contentText(body);
    else files.push({ path, content: body });
    // No `.meta.json` beside a device: `-o /dev/null` would otherwise try to make `/dev/null.meta.json`.
    if (writer.sidecar && options.meta && path !== '-' && !isStraightOutput(path))
      files.push({ path: `${path}.meta.json`, content: `${JSON.stringify(head, null, 2)}\n` });
  }
  assertDistinct(outputs);
  const warnings = [...result.warnings];
  for (const [option, matcher] of [
    ['--ids-file', ids.keep],
    ['--exclude-ids-file', ids.drop],
  ] as const) {
    const unmatched = matcher?.unmatched() ?? [];
    if (unmatched.length > 0)
      warnings.push(
        `${option}: ${unmatched.length} of ${matcher?.listedCount} listed ids name no clip of the source (e.g. ` +
          `${unmatched.slice(0, 3).join(', ')})`,
      );
  }
  if (emptyPieces.length > 0)
    warnings.push(
      `${emptyPieces.length} of ${outputs.length} manifests are empty: ${emptyPieces.join(', ')}` +
        ' (fewer clips than parts or shards)',
    );
  const deviation = options.splits === undefined ? null : partDeviation(result.selection, parts, options.splits);
  const haves = have === null ? null : haveCounts(result.rows, have);
  return { files, stdout, result, warnings, outputs, deviation, have: haves };
}

/** Split by split, in split order: what the plan selected, what is on disk already, what is left. */
function haveCounts(rows: readonly Clip[], have: ReadonlySet<string>): HaveCount[] {
  const bySplit = new Map<string | null, { planned: number; present: number }>();
  for (const clip of rows) {
    let count = bySplit.get(clip.split);
    if (count === undefined) {
      count = { planned: 0, present: 0 };
      bySplit.set(clip.split, count);
    }
    count.planned += 1;
    if (have.has(clip.clipId)) count.present += 1;
  }
  return [...bySplit.keys()].sort(compareNullable).map(split => {
    const { planned, present } = bySplit.get(split) as { planned: number; present: number };
    return { split, planned, present, download: planned - present };
  });
}

/** One manifest of a slice: a part of --splits, a shard of --shards, both, or the whole slice. */
interface Piece {
  readonly part: string | null;
  readonly shard: number | null;
  readonly selection: Stratum[];
}

function divide(
  selection: Stratum[],
  splits: readonly PartWeight[] | undefined,
  shards: number | undefined,
  divided: readonly Stratum[][],
): Piece[] {
  const parts =
    splits === undefined
      ? [{ part: null, selection }]
      : divided.map((s, i) => ({ part: (splits[i] as PartWeight).name, selection: s }));
  if (shards === undefined) return parts.map(p => ({ ...p, shard: null }));
  return parts.flatMap(p => dealShards(p.selection, shards).map((s, shard) => ({ part: p.part, shard, selection: s })));
}

/** `m/k400-{split}-{shard}.csv` -> `m/k400-val-03.csv`; shard numbers are padded to the width of the last. */
export function fillTemplate(template: string, part: string | null, shard: number | null, shards: number): string {
  let path = template;
  if (part !== null) path = path.replaceAll('{split}', part);
  if (shard !== null) path = path.replaceAll('{shard}', String(shard).padStart(String(shards - 1).length, '0'));
  return path;
}

function assertDistinct(outputs: readonly PlannedOutput[]): void {
  const seen = new Set<string>();
  for (const output of outputs) {
    if (seen.has(output.path))
      throw new UsageError(
        `two manifests of this slice would both be written to '${output.path}'`,
        'put {split} and {shard} in -o',
      );
    seen.add(output.path);
  }
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

const NEEDS_LABELS: Record<string, string> = {
  percent: '--percent',
  'per-class': '--per-class',
  'stratified-count': '--stratified',
};

/** Strategies that work class by class need every clip to have a class. */
function requireLabels(source: Source, prepared: PreparedSlice, strategy: string, anyUnlabeled: boolean): void {
  const filterOption = prepared.exclude.names.length > 0 ? prepared.exclude.option : undefined;
  const option = NEEDS_LABELS[strategy] ?? (prepared.include.names.length > 0 ? prepared.include.option : filterOption);
  if (option === undefined || !anyUnlabeled) return;
  const files = source.unlabeled.length > 0 ? source.unlabeled.join(', ') : 'the source';
  throw new DatasetError(
    `${option} needs class labels, but ${files} has no label column`,
    'use --count, or --split a split whose annotations have labels',
  );
}

function labelIndexing(prepared: PreparedSlice, source: Source, result: SliceResult): LabelIndexing {
  const labels = new Set<string>();
  for (const clip of result.rows) if (clip.label !== null) labels.add(clip.label);
  const selected = [...labels].sort(compareCodePoints);
  if (prepared.labelMap !== undefined)
    return mapIndexing(prepared.labelMap, source.classes, selected, prepared.options.labelMap as string);
  return prepared.options.relabel ? relabelIndexing(selected) : sourceIndexing(source.classes);
}

function nothingSelected(
  source: Source,
  total: number,
  result: SliceResult,
  size: ReturnType<typeof describeSize>,
  ids: IdFilters,
): Error {
  if (total === 0) {
    const files = source.report.tally.totals.files;
    return new DatasetError(
      `nothing to select: none of the ${files} video files matches an annotation row`,
      'files must be named {youtube_id}_{start:06d}_{end:06d}.ext, or by the youtube id alone',
    );
  }
  const emptied = result.stages.find(stage => stage.remaining === 0);
  if (emptied !== undefined) {
    const list = emptied.name === '--ids-file' ? ids.keep : null;
    const unmatched =
      list === null ? '' : ` (${list.unmatched().length} of its ${list.listedCount} ids name no clip of this source)`;
    const stageWords: Record<string, string> = {
      'zero-byte files': 'every clip is an empty (zero-byte) file',
      'corrupt videos': 'every remaining clip is a corrupt video',
    };
    const what = stageWords[emptied.name] ?? `${emptied.name} removed every remaining clip${unmatched}`;
    return new NothingSelectedError(`nothing selected: ${what}`, 'check the filters against `k400-slice stats`');
  }
  return new NothingSelectedError(
    `nothing selected: ${size.flag} keeps no clip of any class`,
    'raise it, or set --min-per-class',
  );
}
