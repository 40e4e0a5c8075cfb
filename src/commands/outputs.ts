import type { NamedSlice } from '../api/commit-slices.js';
import type { PlannedOutput } from '../api/slice.js';
import {
  type CommitOptions,
  contentSize,
  type PlannedFile,
  planCommit,
  stateOf,
  writeAllOrNothing,
} from '../write/atomic.js';
import { plural } from './slice-summary.js';

/**
 * `--strict` fails after the report is written and before any manifest is: the report is the one file a
 * failing run may write, in a commit of its own.
 */
export async function failAfterReport(
  error: unknown,
  reports: readonly PlannedFile[],
  guard: CommitOptions,
  dryRun: boolean,
): Promise<never> {
  if (!dryRun && reports.length > 0) await writeAllOrNothing(reports, guard);
  throw error;
}

/**
 * `--dry-run`: one line an output, what it would hold and whether it would change (new, changed, unchanged,
 * or written in place for a device), in the order the commit would write them.
 */
export function renderDryRun(
  files: readonly PlannedFile[],
  outputs: readonly PlannedOutput[],
  guard: CommitOptions,
  prefix = '',
): string {
  const targets = planCommit(files, guard);
  return files
    .map((file, i) => {
      const output = outputs.find(o => o.path === file.path);
      const holds =
        output === undefined ? '' : `${plural(output.rows, 'clip')} in ${plural(output.classes, 'class', 'classes')}, `;
      const state = stateOf(targets[i] as (typeof targets)[number], file.content);
      return `${prefix}${file.path}: ${state}, ${holds}${plural(contentSize(file.content), 'byte')}\n`;
    })
    .join('');
}

/** The dry-run line of a manifest that would go to stdout. */
export function renderDryRunStdout(output: PlannedOutput, text: string, prefix = ''): string {
  return (
    `${prefix}stdout: ${plural(output.rows, 'clip')} in ${plural(output.classes, 'class', 'classes')}, ` +
    `${plural(Buffer.byteLength(text), 'byte')}\n`
  );
}

/**
 * `--dry-run` of `slice` and `run` alike: each slice's lines (its manifest on stdout first), then the page and
 * card; in a run each line starts with the slice's name.
 */
export function renderSlicesDryRun(
  slices: readonly NamedSlice[],
  pages: readonly PlannedFile[],
  guard: CommitOptions,
  prefixed: boolean,
): string {
  const lines = slices.map(s => {
    const prefix = prefixed ? `${s.name}: ` : '';
    const toStdout = s.plan.outputs.find(o => o.path === '-');
    const stdout =
      toStdout === undefined || s.plan.stdout === null ? '' : renderDryRunStdout(toStdout, s.plan.stdout, prefix);
    return `${stdout}${renderDryRun(s.files, s.plan.outputs, guard, prefix)}`;
  });
  return `${lines.join('')}${renderDryRun(pages, [], guard)}`;
}
