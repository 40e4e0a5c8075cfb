import { type Clip, compareCodePoints, compareNullable } from '../clip.js';
import type { LineSpec } from '../engine/manifest-lines.js';
import { DatasetError, NothingSelectedError, UsageError } from '../errors.js';
import { type LabelIndexing, mapIndexing, relabelIndexing, sourceIndexing } from '../labels/label-index.js';
import { type NameEntry, readNameList } from '../labels/name-list.js';
import { ClassMatcher, spell } from '../labels/spellings.js';
import { type IdList, IdMatcher, readIdList } from '../lists/id-list.js';
import type { Provenance } from '../manifest/schema.js';
import { type SliceOptions, sizeSpecOf } from '../options/slice-options.js';
import type { ClipRows } from '../select/clip-rows.js';
import { partDeviation, splitIntoParts } from '../select/parts.js';
import { type SliceResult, sliceRows } from '../select/slice.js';
import type { Source } from '../source/source.js';
import { assertWritable, type PlannedFile } from '../write/atomic.js';
import { isStraightOutput } from '../write/output-target.js';
import { refuseOwnInputs } from '../write/own-inputs.js';
import { chooseWriter, type ManifestWriter } from '../write/writers/index.js';
import { describeSize } from './describe.js';
import { provenanceOptions } from './provenance-options.js';
import { knownClasses, requireLabels, sliceFilters } from './slice-filters.js';
import { assertDistinct, divide, fillTemplate, renderPiece, renderStreamed } from './slice-pieces.js';

// Moved to their own files when planSlice was split; named here still for the modules that import them from here.
export { framesOf, knownClasses } from './slice-filters.js';
export { fillTemplate } from './slice-pieces.js';

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
  const known = { clipIds: new Set<string>(), youtubeIds: new Set<string>() };
  const { table } = source;
  for (let row = 0; row < table.rows; row++) {
    const clip = table.look(row);
    known.clipIds.add(clip.clipId);
    if (clip.youtubeId !== null) known.youtubeIds.add(clip.youtubeId);
  }
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
  /** Clips selected, and their distinct labels (no label counts as one): what the summary says. */
  readonly selected: { readonly clips: number; readonly classes: number };
  /** Fetches pending rows into the manifest (see PendingRows): run once, before the files are read. */
  readonly fill?: () => Promise<void>;
}

/**
 * A selection made elsewhere (`--engine duckdb`), for a source whose clips were never loaded: the result, and
 * what planSlice would otherwise learn from the clips.
 */
export interface Preselected {
  /** With `rows`, the rows and the strata's clips are empty: the strata's counts say what `rows` will hold. */
  readonly result: SliceResult;
  /** Clips in the source before any filter. */
  readonly total: number;
  /** The selected rows, not fetched yet: the one manifest of the slice is written from them as they come. */
  readonly rows?: PendingRows | undefined;
}

/**
 * Selected rows that stay where they were selected (DuckDB) until the manifest is written: handed over in
 * manifest order (split, label, clip id and path by their bytes), a block at a time. `each` runs once; `close`
 * lets go of them unread.
 */
export interface PendingRows {
  readonly count: number;
  /**
   * Hands the rows over a block at a time. With `lines`, DuckDB makes each row's manifest line where it can
   * (see LineSpec); a block then gives the line, or the clip where it could not.
   */
  each(block: (rows: PendingBlock) => void, lines?: LineSpec): Promise<void>;
  close(): void;
}

/**
 * A block of pending rows: row i is `line(i)` when DuckDB made its line, or else `clip(i)` to render; or, with
 * `bytes`, rows whose every line DuckDB made, as the UTF-8 text they make, which is written as it is.
 */
export interface PendingBlock {
  readonly rows: number;
  line(i: number): string | null;
  clip(i: number): Clip;
  readonly bytes?: readonly Buffer[];
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
  const { options } = prepared;
  const size = sizeSpecOf(options);
  const classes = resolveClasses(prepared, source, preselected === undefined && anyUnlabeled(source.table));
  const { filters, onlyClassFilters } = sliceFilters(prepared, source, ids, classes);
  const result =
    preselected?.result ??
    sliceRows(source.table, {
      seed: options.seed,
      size,
      filters,
      shuffle: options.shuffle,
      spare: options.spare,
      known: knownClasses(source, onlyClassFilters, classes.include, classes.exclude),
    });
  const total = preselected?.total ?? source.table.rows;
  const pending = preselected?.rows;
  const selected = pending === undefined ? selectedOf(result.rows) : selectedOfStrata(result);
  if (selected.clips === 0) throw nothingSelected(source, total, result, describeSize(size), ids);
  // Checked before shards are dealt: every shard is a list and a file, so more shards than clips is waste.
  if (options.shards !== undefined && options.shards > selected.clips)
    throw new UsageError(
      `--shards ${options.shards}: more shards than the ${selected.clips} clips selected`,
      `use at most ${selected.clips} shards`,
    );

  const labels = labelIndexing(prepared, source, selected.labels);
  const style = options.labelStyle;
  const spellLabel = style === undefined ? undefined : (label: string): string => spell(label, style);
  const normalized = provenanceOptions(options, source, size, classes, labels.scheme);
  const parts = options.splits === undefined ? [] : splitIntoParts(result.selection, options.splits);
  const context = { prepared, source, result, labels, spellLabel, normalized, have };
  if (pending !== undefined) {
    if (options.splits !== undefined || options.shards !== undefined || options.shuffle || have !== null)
      throw new Error('pending rows make one manifest of the whole slice, in manifest order');
    const streamed = renderStreamed(pending, context);
    return {
      files: streamed.files,
      stdout: null,
      result,
      warnings: [...result.warnings],
      outputs: [streamed.output],
      deviation: null,
      have: null,
      selected: { clips: selected.clips, classes: selected.classes },
      fill: streamed.fill,
    };
  }
  const pieces = divide(result.selection, options.splits, options.shards, parts).map(p => renderPiece(p, context));
  const outputs = pieces.map(p => p.output);
  assertDistinct(outputs);
  const emptyPieces = pieces.filter(p => p.empty).map(p => p.output.path);
  const warnings = [...result.warnings, ...unmatchedWarnings(ids)];
  if (emptyPieces.length > 0)
    warnings.push(
      `${emptyPieces.length} of ${outputs.length} manifests are empty: ${emptyPieces.join(', ')}` +
        ' (fewer clips than parts or shards)',
    );
  return {
    files: pieces.flatMap(p => p.files),
    stdout: pieces.find(p => p.stdout !== null)?.stdout ?? null,
    result,
    warnings,
    outputs,
    deviation: options.splits === undefined ? null : partDeviation(result.selection, parts, options.splits),
    have: have === null ? null : haveCounts(result.rows, have),
    selected: { clips: selected.clips, classes: selected.classes },
  };
}

/** Whether a row has no class: a group of rows without a label that holds a row. */
function anyUnlabeled(table: ClipRows): boolean {
  const unlabeled = table.groups.map(group => group.label === null);
  if (!unlabeled.includes(true)) return false;
  for (let row = 0; row < table.rows; row++) if (unlabeled[table.groupOf[row] as number]) return true;
  return false;
}

/** What a slice selected: how many clips, their labels, and how many distinct labels (null counts as one). */
interface Selected {
  readonly clips: number;
  readonly labels: Set<string>;
  readonly classes: number;
}

function selectedOf(rows: readonly Clip[]): Selected {
  const labels = new Set<string>();
  let unlabeled = 0;
  for (const clip of rows) {
    if (clip.label === null) unlabeled = 1;
    else labels.add(clip.label);
  }
  return { clips: rows.length, labels, classes: labels.size + unlabeled };
}

/** The same from the strata's counts, for rows not fetched yet. */
function selectedOfStrata(result: SliceResult): Selected {
  const labels = new Set<string>();
  let unlabeled = 0;
  let clips = 0;
  for (const stratum of result.strata) {
    if (stratum.selected === 0) continue;
    clips += stratum.selected;
    if (stratum.label === null) unlabeled = 1;
    else labels.add(stratum.label);
  }
  return { clips, labels, classes: labels.size + unlabeled };
}

/** Listed ids that name no clip of the source: a list for another copy, or a typo. */
function unmatchedWarnings(ids: IdFilters): string[] {
  const warnings: string[] = [];
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
  return warnings;
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

function labelIndexing(prepared: PreparedSlice, source: Source, labels: ReadonlySet<string>): LabelIndexing {
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
