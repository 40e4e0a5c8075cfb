import { chooseEngine } from '../engine/choose.js';
import { sliceWithDuckDb } from '../engine/duckdb-slice.js';
import type { EarlyDuck } from '../engine/early-duck.js';
import { DatasetError, UsageError } from '../errors.js';
import { sizeSpecOf } from '../options/slice-options.js';
import { strategyOf } from '../select/strategies/index.js';
import type { LoadOptions } from '../source/load.js';
import { restrictSource, type Source } from '../source/source.js';
import type { CommitOptions, PlannedFile } from '../write/atomic.js';
import { describeSize } from './describe.js';
import { loadHave, loadSliceSource } from './plan-source.js';
import { assertStrict, reconciliationReport } from './report.js';
import { matchIdLists, type PreparedSlice, type Preselected, planSlice, type SlicePlan } from './slice.js';
import { inputsOf } from './slice-inputs.js';

/** What a slice needs besides its options: the walk's hooks, and in a run, the run it belongs to. */
export interface SliceHooks extends Pick<LoadOptions, 'onProgress' | 'threads'> {
  /** An HTML page or Markdown card is drawn from the clips, which DuckDB never hands over: use JavaScript. */
  readonly drawn?: boolean | undefined;
  /** In a run: the config file (an input no output may be), and the source as the config writes it. */
  readonly config?: { readonly file: string; readonly sourceAsWritten: string } | undefined;
  /** In a run: one walk of each distinct source, every split, shared by the slices that read it. */
  readonly walks?: Map<string, Promise<Source>> | undefined;
  /** The DuckDB the command line opened early for a Parquet index, taken if it is for this slice's source. */
  readonly early?: EarlyDuck | undefined;
}

/** One slice, loaded, selected and planned: everything its commit writes, and what its summary says. */
export interface SlicedSource {
  readonly prepared: PreparedSlice;
  readonly plan: SlicePlan;
  /** The source it was sliced from (its split taken): what the HTML page and the Markdown card describe. */
  readonly source: Source;
  /** Every file it writes: manifests, sidecars, its report. */
  readonly files: PlannedFile[];
  /** Its --report file, if any: long warnings point there. */
  readonly report?: string | undefined;
  /** What it reads, which none of its outputs may be. */
  readonly guard: CommitOptions;
  /** Something the summary should say about how it was sliced (auto settling for JavaScript). */
  readonly note?: string | undefined;
}

/**
 * `--strict` findings: the slice's report is written (see writeStrictReports), then the command fails before
 * any manifest is, in `slice` and in `run` alike.
 */
export class StrictSliceError extends DatasetError {
  constructor(
    finding: DatasetError,
    readonly reports: readonly PlannedFile[],
    readonly guard: CommitOptions,
  ) {
    super(finding.message, finding.hint);
  }
}

/**
 * The one slice pipeline of `slice` and `run`, after prepare: load (or select in DuckDB), select, plan, and
 * the report and strict check. Nothing is written here: commitSlices commits one slice or a whole run.
 */
export async function sliceSource(prepared: PreparedSlice, hooks: SliceHooks = {}): Promise<SlicedSource> {
  const { options } = prepared;
  if (hooks.drawn === true && options.engine === 'duckdb')
    throw new UsageError('--html and --markdown need --engine js', 'they plot every clip of the source');
  // A strategy with no SQL form (its record says so) and the page and card are sliced by JavaScript.
  const sql = strategyOf(sizeSpecOf(options)).sql;
  if (!sql && options.engine === 'duckdb')
    throw new UsageError(
      `${describeSize(sizeSpecOf(options)).flag} has no SQL form for --engine duckdb`,
      'use --engine js',
    );
  const jsOnly = hooks.drawn === true || !sql;
  const choice = await chooseEngine(jsOnly ? 'js' : options.engine, prepared, { early: hooks.early });
  let source: Source;
  let preselected: Preselected | undefined;
  if (choice.engine === 'duckdb') {
    const given = { stream: streamable(prepared), opened: choice.duck, early: hooks.early };
    ({ source, preselected } = await sliceWithDuckDb(prepared, options.source as string, {}, given));
  } else source = await loadFor(prepared, hooks);
  try {
    return await planAndReport(prepared, hooks, source, preselected, choice.note);
  } finally {
    // Fetched by now, or never to be: an error on the way lets go of DuckDB.
    preselected?.rows?.close();
  }
}

/**
 * Whether a DuckDB slice may write its manifest as the rows come (at 10^8 clips, 10^7 of them): one manifest of
 * the whole slice in manifest order, to a file. Parts, shards and --shuffle deal or order the whole selection
 * first, --have leaves rows out, and stdout takes the text whole: those keep the selection in memory.
 */
function streamable(prepared: PreparedSlice): boolean {
  const { options } = prepared;
  return (
    options.splits === undefined &&
    options.shards === undefined &&
    !options.shuffle &&
    options.have === undefined &&
    options.spare === undefined &&
    options.output !== '-'
  );
}

async function planAndReport(
  prepared: PreparedSlice,
  hooks: SliceHooks,
  source: Source,
  preselected: Preselected | undefined,
  note: string | undefined,
): Promise<SlicedSource> {
  const { options } = prepared;
  const have = options.have === undefined ? null : await loadHave(options.have, options.annotations, hooks);
  const ids = matchIdLists(prepared, source);
  // Planned before the strict check (it writes nothing), so the report can name classes short of their quota,
  // and hold every warning whole (stderr shortens long ones).
  let plan: SlicePlan | undefined;
  let planError: unknown;
  try {
    const planned = planSlice(prepared, source, ids, { preselected, have });
    await planned.fill?.();
    plan = planned;
  } catch (error) {
    planError = error;
  }
  const content = reconciliationReport(source, ids, plan?.warnings ?? [], plan?.result.short ?? []);
  const reports: PlannedFile[] =
    options.report === undefined ? [] : [{ path: options.report, content: `${JSON.stringify(content, null, 2)}\n` }];
  const guard = inputsOf(options, source, hooks.config?.file);
  if (options.strict) {
    try {
      assertStrict(source);
    } catch (error) {
      throw error instanceof DatasetError ? new StrictSliceError(error, reports, guard) : error;
    }
  }
  // The report goes in the same commit as the manifests, so a check that fails later writes neither.
  if (plan === undefined) throw planError;
  return {
    prepared,
    plan,
    source,
    files: [...plan.files, ...reports],
    report: options.report,
    guard,
    note,
  };
}

/** A slice's source: walked for its split alone, or in a run, taken from the one walk of every split. */
async function loadFor(prepared: PreparedSlice, hooks: SliceHooks): Promise<Source> {
  const { options } = prepared;
  const walk = { onProgress: hooks.onProgress, threads: hooks.threads };
  if (hooks.walks === undefined) return loadSliceSource(options, { ...walk, split: options.split });
  const key = JSON.stringify([
    options.source,
    options.layout,
    options.prefix,
    hooks.config?.sourceAsWritten,
    options.annotations ?? [],
    [...(options.ext ?? [])].sort(),
    options.probe,
  ]);
  let whole = hooks.walks.get(key);
  if (whole === undefined) {
    whole = loadSliceSource(options, { ...walk, recordAs: hooks.config?.sourceAsWritten });
    hooks.walks.set(key, whole);
  }
  return restrictSource(await whole, options.split);
}
