import { statSync } from 'node:fs';
import { inConfigWords } from '../config/config-words.js';
import { loadRunConfig } from '../config/run-config.js';
import { readManifest } from '../manifest/read.js';
import type { Source } from '../source/source.js';
import { contentText, holdsExactly, type PlannedFile } from '../write/atomic.js';
import type { NamedSlice } from './commit-slices.js';
import { prepareSlice } from './slice.js';
import { type SliceHooks, sliceSource } from './slice-source.js';

/** One slice of a run, planned: what it would write, under the name the config gives it. */
export type PlannedSlice = NamedSlice;

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
 * Plans every slice of a config, each through the pipeline `slice` uses (sliceSource). Each distinct source
 * (root, annotations, extensions) is walked once, however many slices read it; a slice's split is then taken
 * from that one walk. An error names the config and the slice, in the config's words.
 */
export async function planRun(
  file: string,
  hooks: Pick<SliceHooks, 'onProgress' | 'threads' | 'drawn'> & { check: boolean },
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
  const walks = new Map<string, Promise<Source>>();
  const planned: PlannedSlice[] = [];
  for (const { slice, prepared: p } of prepared) {
    try {
      const config = { file, sourceAsWritten: slice.sourceAsWritten };
      planned.push({ ...(await sliceSource(p, { ...hooks, config, walks })), name: slice.name });
    } catch (error) {
      throw inConfigWords(error, file, slice.name);
    }
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
