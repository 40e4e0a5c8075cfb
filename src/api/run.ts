import { statSync } from 'node:fs';
import { inConfigWords } from '../config/config-words.js';
import { loadRunConfig } from '../config/run-config.js';
import { chooseEngine } from '../engine/choose.js';
import { sliceWithDuckDb } from '../engine/duckdb-slice.js';
import { DatasetError } from '../errors.js';
import { readManifest } from '../manifest/read.js';
import type { LoadOptions } from '../source/load.js';
import { restrictSource, type Source } from '../source/source.js';
import { type CommitOptions, contentText, holdsExactly, type PlannedFile } from '../write/atomic.js';
import { loadHave, loadSliceSource } from './plan-source.js';
import { assertStrict, reconciliationReport } from './report.js';
import { type IdFilters, matchIdLists, type PreparedSlice, planSlice, prepareSlice, type SlicePlan } from './slice.js';
import { inputsOf } from './slice-inputs.js';

/** One slice of a run, planned: what it would write. */
export interface PlannedSlice {
  readonly name: string;
  readonly plan: SlicePlan;
  /** The source it was sliced from (its split taken): what the HTML page and the Markdown card describe. */
  readonly source: Source;
  /** Every file it writes: manifests, sidecars, its report. */
  readonly files: PlannedFile[];
  /** Its --report file, if any: long warnings point there. */
  readonly report?: string | undefined;
  /** What it reads, which none of its outputs may be. */
  readonly guard: CommitOptions;
}

/**
 * `--strict` findings in a slice of a run: as for `slice`, its report is written, then the run fails before any
 * manifest is.
 */
export class StrictRunError extends DatasetError {
  constructor(
    readonly finding: DatasetError,
    readonly reports: readonly PlannedFile[],
    readonly guard: CommitOptions,
  ) {
    super(finding.message, finding.hint);
  }
}

/** One guard for a whole run: every slice's inputs and roots. */
export function runGuard(slices: readonly PlannedSlice[]): CommitOptions {
  return {
    inputs: slices.flatMap(s => s.guard.inputs ?? []),
    roots: slices.flatMap(s => s.guard.roots ?? []),
  };
}

/** A difference --check found between a slice's output on disk and what the config produces now. */
export interface Drift {
  readonly slice: string;
  readonly path: string;
  readonly state: 'missing' | 'differs';
  /** For a manifest that can be read: clips it gains and loses. */
  readonly added: number | null;
  readonly removed: number | null;
}

/**
 * Plans every slice of a config. Each distinct source (root, annotations, extensions) is walked once, however
 * many slices read it; a slice's split is then taken from that one walk.
 */
export async function planRun(
  file: string,
  hooks: Pick<LoadOptions, 'onProgress' | 'threads'> & { check: boolean },
): Promise<PlannedSlice[]> {
  const slices = loadRunConfig(file);
  // --check writes nothing, so an output folder that does not exist yet is a finding, not an error.
  const prepared = slices.map(slice => {
    try {
      return { slice, prepared: prepareSlice(slice.options, { checkOutputs: !hooks.check }) };
    } catch (error) {
      throw inConfigWords(error, file, slice.name);
    }
  });
  const sources = new Map<string, Promise<Source>>();
  const planned: PlannedSlice[] = [];
  for (const { slice, prepared: p } of prepared) {
    const { options } = slice;
    const key = JSON.stringify([
      options.source,
      options.layout,
      slice.sourceAsWritten,
      options.annotations ?? [],
      [...(options.ext ?? [])].sort(),
      options.probe,
    ]);
    // An index big enough for DuckDB is sliced there, one query a slice; everything else is loaded once.
    if ((await chooseEngine(options.engine, p)).engine === 'duckdb') {
      const ids: IdFilters = { keep: null, drop: null };
      let source: Source;
      let plan: SlicePlan;
      try {
        ({ source, plan } = await sliceInDuckDb(p, ids));
      } catch (error) {
        throw inConfigWords(error, file, slice.name);
      }
      const report = reportOf(options.report, source, ids, plan);
      const guard = inputsOf(options, source, file);
      if (options.strict) checkStrict(source, report, guard, file, slice.name);
      planned.push({
        name: slice.name,
        plan,
        files: [...plan.files, ...report],
        source,
        report: options.report,
        guard,
      });
      continue;
    }
    let whole = sources.get(key);
    if (whole === undefined) {
      whole = loadSliceSource(options, {
        recordAs: slice.sourceAsWritten,
        onProgress: hooks.onProgress,
        threads: hooks.threads,
      });
      sources.set(key, whole);
    }
    let source: Source;
    let ids: IdFilters;
    let have: ReadonlySet<string> | null;
    try {
      source = restrictSource(await whole, options.split);
      ids = matchIdLists(p, source);
      have = options.have === undefined ? null : await loadHave(options.have, options.annotations, hooks);
    } catch (error) {
      throw inConfigWords(error, file, slice.name);
    }
    // Planned before the strict check (it writes nothing), so the report can name classes short of their quota.
    let plan: SlicePlan | undefined;
    let planError: unknown;
    try {
      plan = planSlice(p, source, ids, { have });
    } catch (error) {
      planError = error;
    }
    const content = reconciliationReport(source, ids, plan?.warnings ?? [], plan?.result.short ?? []);
    const report: PlannedFile[] =
      options.report === undefined ? [] : [{ path: options.report, content: `${JSON.stringify(content, null, 2)}\n` }];
    const guard = inputsOf(options, source, file);
    if (options.strict) checkStrict(source, report, guard, file, slice.name);
    if (plan === undefined) throw inConfigWords(planError, file, slice.name);
    planned.push({ name: slice.name, plan, files: [...plan.files, ...report], source, report: options.report, guard });
  }
  return planned;
}

/** `--strict` in a run: a finding fails the run after its report alone is written, as in `slice`. */
function checkStrict(source: Source, report: PlannedFile[], guard: CommitOptions, file: string, slice: string): void {
  try {
    assertStrict(source);
  } catch (error) {
    const reworded = inConfigWords(error, file, slice);
    if (reworded instanceof DatasetError) throw new StrictRunError(reworded, report, guard);
    throw reworded;
  }
}

function reportOf(path: string | undefined, source: Source, ids: IdFilters, plan: SlicePlan): PlannedFile[] {
  if (path === undefined) return [];
  const content = reconciliationReport(source, ids, plan.warnings, plan.result.short);
  return [{ path, content: `${JSON.stringify(content, null, 2)}\n` }];
}

async function sliceInDuckDb(p: PreparedSlice, ids: IdFilters): Promise<{ source: Source; plan: SlicePlan }> {
  const { source, preselected } = await sliceWithDuckDb(p, p.options.source as string);
  return { source, plan: planSlice(p, source, ids, { preselected }) };
}

/** What --check reports: every planned file that is missing on disk or differs from it byte for byte. */
export function findDrift(slices: readonly PlannedSlice[]): Drift[] {
  const drift: Drift[] = [];
  for (const { name, plan, files } of slices) {
    for (const file of files) {
      const stats = statSync(file.path, { throwIfNoEntry: false });
      if (stats === undefined || !stats.isFile()) {
        drift.push({ slice: name, path: file.path, state: 'missing', added: null, removed: null });
        continue;
      }
      if (holdsExactly(file.path, file.content)) continue;
      const output = plan.outputs.find(o => o.path === file.path);
      drift.push({
        slice: name,
        path: file.path,
        state: 'differs',
        ...(output === undefined ? { added: null, removed: null } : clipChanges(file)),
      });
    }
  }
  return drift;
}

/** Clips a manifest gains and loses, by split and clip id; null when the old file cannot be read. */
function clipChanges(file: PlannedFile): { added: number | null; removed: number | null } {
  try {
    const before = new Set(readManifest(file.path).clips.map(c => `${c.split}\0${c.clip_id}`));
    const after = new Set(
      readManifest(file.path, contentText(file.content)).clips.map(c => `${c.split}\0${c.clip_id}`),
    );
    return {
      added: [...after].filter(id => !before.has(id)).length,
      removed: [...before].filter(id => !after.has(id)).length,
    };
  } catch {
    return { added: null, removed: null };
  }
}
