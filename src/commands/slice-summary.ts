import type { SlicePlan } from '../api/slice.js';
import type { ScanProblem, SkipCounts } from '../scan/folder-scan.js';
import type { Source } from '../scan/source.js';
import type { WriteOutcome } from '../write/atomic.js';

const SKIP_WORDS: Record<keyof SkipCounts, string> = {
  hidden: 'hidden',
  appledouble: 'macOS ._',
  partial: 'partial download',
  other: 'other extension',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `skipped 3 (1 hidden, 2 partial download)`, or nothing when nothing was skipped. */
export function describeSkipped(skipped: SkipCounts): string {
  const parts = (Object.keys(SKIP_WORDS) as (keyof SkipCounts)[]).filter((k) => skipped[k] > 0).map((k) => `${skipped[k]} ${SKIP_WORDS[k]}`);
  const total = Object.values(skipped).reduce((a, b) => a + b, 0);
  return total === 0 ? '' : `; skipped ${plural(total, 'file')} (${parts.join(', ')})`;
}

/** Lines about the source shared by every command that reads one. */
export function describeSource(source: Source): string[] {
  const where = source.splits.length > 0 ? `${source.layout}: ${source.splits.join(', ')}` : source.layout;
  const zeroByte = source.clips.filter((clip) => clip.sizeBytes === 0).length;
  const dropped = source.duplicates.reduce((n, d) => n + d.dropped.length, 0);
  const lines = [
    `read ${source.given} (${where}), ${plural(source.classes.length, 'class', 'classes')}: ${plural(source.clips.length + dropped, 'video')}${describeSkipped(source.skipped)}`,
  ];
  if (zeroByte > 0) lines.push(`warning: ${plural(zeroByte, 'empty (zero-byte) file')}, never selected`);
  if (dropped > 0) {
    const example = source.duplicates[0];
    lines.push(`warning: ${plural(dropped, 'duplicate clip')} dropped (the path that sorts first is kept${example === undefined ? '' : `, e.g. ${example.kept} over ${example.dropped[0]}`})`);
  }
  lines.push(...problemLines(source.problems));
  return lines;
}

function problemLines(problems: readonly ScanProblem[]): string[] {
  const shown = problems.slice(0, 10).map((p) => `warning: cannot read ${p.path}: ${p.message} (skipped)`);
  if (problems.length > 10) shown.push(`warning: ... and ${problems.length - 10} more unreadable paths`);
  return shown;
}

export function renderSliceSummary(plan: SlicePlan, outcome: WriteOutcome): string {
  const { result } = plan;
  const classes = new Set(result.rows.map((clip) => clip.label)).size;
  const targets = [...outcome.written, ...outcome.unchanged.map((path) => `${path} (unchanged)`)];
  const to = plan.stdout !== null ? 'stdout' : targets.join(', ');
  const lines = [
    ...describeSource(plan.source),
    ...plan.warnings.map((w) => `warning: ${w}`),
    `selected ${plural(result.rows.length, 'clip')} of ${result.eligible.toLocaleString('en-US')} eligible in ${plural(classes, 'class', 'classes')} -> ${to}`,
  ];
  return lines.map((line) => `k400-slice: ${line}\n`).join('');
}
