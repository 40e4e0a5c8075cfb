import { statSync } from 'node:fs';
import { inConfigWords } from '../config/config-words.js';
import { loadRunConfig } from '../config/run-config.js';
import { readManifest } from '../manifest/read.js';
import type { LoadOptions } from '../source/load.js';
import { restrictSource, type Source } from '../source/source.js';
import { contentText, holdsExactly, type PlannedFile } from '../write/atomic.js';
import { loadHave, loadSliceSource } from './plan-source.js';
import { assertStrict, reconciliationReport } from './report.js';
import { type IdFilters, matchIdLists, planSlice, prepareSlice, type SlicePlan } from './slice.js';

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
      slice.sourceAsWritten,
      options.annotations ?? [],
      [...(options.ext ?? [])].sort(),
      options.probe,
    ]);
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
    let plan: SlicePlan;
    try {
      source = restrictSource(await whole, options.split);
      ids = matchIdLists(p, source);
      if (options.strict) assertStrict(source);
      const have = options.have === undefined ? null : await loadHave(options.have, options.annotations, hooks);
      plan = planSlice(p, source, ids, have);
    } catch (error) {
      throw inConfigWords(error, file, slice.name);
    }
    const content = reconciliationReport(source, ids, plan.warnings, plan.result.short);
    const report: PlannedFile[] =
      options.report === undefined ? [] : [{ path: options.report, content: `${JSON.stringify(content, null, 2)}\n` }];
    planned.push({ name: slice.name, plan, files: [...plan.files, ...report], source, report: options.report });
  }
  return planned;
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
