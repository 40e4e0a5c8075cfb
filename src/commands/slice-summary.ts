import type { SlicePlan } from '../api/slice.js';
import { grouped } from '../grouped.js';
import type { ScanProblem, SkipCounts } from '../scan/folder-scan.js';
import type { Source } from '../source/source.js';
import type { WriteOutcome } from '../write/atomic.js';
import { abbreviateWarning } from './long-warning.js';

const SKIP_WORDS: Record<keyof SkipCounts, string> = {
  hidden: 'hidden',
  appledouble: 'macOS ._',
  partial: 'partial download',
  other: 'other extension',
  non_utf8: 'name not UTF-8',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/** `; skipped 3 files (1 hidden, 2 partial download)`, or nothing when nothing was skipped. */
export function describeSkipped(skipped: SkipCounts): string {
  const parts = (Object.keys(SKIP_WORDS) as (keyof SkipCounts)[])
    .filter(k => (skipped[k] ?? 0) > 0)
    .map(k => `${skipped[k]} ${SKIP_WORDS[k]}`);
  const total = Object.values(skipped).reduce((a: number, b) => a + (b ?? 0), 0);
  return total === 0 ? '' : `; skipped ${plural(total, 'file')} (${parts.join(', ')})`;
}

/** Lines about the source shared by every command that reads one. */
export function describeSource(source: Source): string[] {
  const where = source.splits.length > 0 ? `${source.layout}: ${source.splits.join(', ')}` : source.layout;
  const { tally, duplicates, disagreements } = source.report;
  const totals = tally.totals;
  const read = source.index === null ? source.given : `index ${source.index} of ${source.given}`;
  if (source.layout === 'annotations') return describeAnnotationsOnly(source);
  const lines = [
    `read ${read} (${where}), ${plural(source.classes.length, 'class', 'classes')}: ` +
      `${plural(totals.files, 'video')}${describeSkipped(source.report.skipped)}`,
  ];
  if (source.annotations.length > 0) {
    lines.push(
      `annotations: ${plural(totals.annotated, 'clip')} in ${plural(source.annotations.length, 'file')}; ` +
        `${grouped(totals.matched)} matched, ${grouped(totals.missing)} missing, ` +
        `${plural(totals.unannotated, 'file')} not annotated`,
    );
  }
  if (totals.zero_byte > 0)
    lines.push(`warning: ${plural(totals.zero_byte, 'empty (zero-byte) file')}, never selected`);
  if (totals.corrupt > 0)
    lines.push(
      `warning: ${plural(totals.corrupt, 'corrupt video')} (by their headers), never ` +
        `selected${tally.examples.corrupt[0] === undefined ? '' : `, e.g. ${tally.examples.corrupt[0]}`}`,
    );
  if (totals.duplicates > 0) {
    const example = duplicates[0];
    lines.push(
      `warning: ${plural(totals.duplicates, 'duplicate clip')} dropped (a usable copy, then ` +
        `${source.annotations.length > 0 ? 'a replacement/ one, then ' : ''}the first path is kept` +
        `${example === undefined ? '' : `, e.g. ${example.kept} over ${example.dropped[0]}`})`,
    );
  }
  if (disagreements.count > 0)
    lines.push(
      `warning: ${plural(disagreements.count, 'clip')} in a folder that disagrees with its annotation, which wins ` +
        `(e.g. ${disagreements.examples[0]})`,
    );
  const { notNfc } = source.report;
  if (notNfc.length > 0)
    lines.push(
      `warning: ${plural(notNfc.length, 'folder name')} not in Unicode NFC (labels and clip ids use NFC, ` +
        `paths keep their bytes), e.g. ${notNfc[0]}`,
    );
  lines.push(...problemLines(source.report.problems));
  return lines;
}

/** A source of annotation rows alone has no files to count: only its rows, classes and conflicting rows. */
function describeAnnotationsOnly(source: Source): string[] {
  const splits = source.splits.length > 0 ? ` (${source.splits.join(', ')})` : '';
  const clips = plural(source.table.rows, 'clip');
  const classes = plural(source.classes.length, 'class', 'classes');
  return [
    `read annotations only${splits}: ${clips} of ${classes} in ${plural(source.annotations.length, 'file')}` +
      '; paths are planned, <split>/<label>/<clip_id>.mp4',
    ...problemLines(source.report.problems),
  ];
}

/** With `--have`: split by split, what the plan selected, what is downloaded already and what is left. */
function haveLines(plan: SlicePlan): string[] {
  return (plan.have ?? []).map(
    h =>
      `${h.split ?? '(no split)'}: ${plural(h.planned, 'clip')} planned, ` +
      `${grouped(h.present)} already present, ${grouped(h.download)} to download`,
  );
}

function problemLines(problems: readonly ScanProblem[]): string[] {
  const shown = problems.slice(0, 10).map(p => `warning: ${p.path}: ${p.message}`);
  if (problems.length > 10) shown.push(`warning: ... and ${problems.length - 10} more problems`);
  return shown;
}

export function renderSliceSummary(
  source: Source,
  plan: SlicePlan,
  outcome: WriteOutcome,
  extraOutputs: readonly string[] = [],
  report?: string,
): string {
  const { result } = plan;
  const classes = plan.selected.classes;
  const unchanged = new Set(outcome.unchanged);
  const several = plan.outputs.length > 1;
  // With several manifests, their sidecars go without saying.
  const named = plan.files
    .filter(file => !several || plan.outputs.some(o => o.path === file.path))
    .map(file => {
      const output = plan.outputs.find(o => o.path === file.path);
      const rows = several && output !== undefined ? ` (${plural(output.rows, 'row')})` : '';
      return `${file.path}${rows}${unchanged.has(file.path) ? ' (unchanged)' : ''}`;
    });
  const to = [...(plan.stdout !== null ? ['stdout'] : named), ...extraOutputs].join(', ');
  const spares = (result.spares ?? 0) > 0 ? ` (${grouped(result.spares ?? 0)} of them spares)` : '';
  const lines = [
    ...describeSource(source),
    ...plan.warnings.map(w => `warning: ${abbreviateWarning(w, report)}`),
    ...(plan.deviation === null ? [] : [describeDeviation(plan.deviation)]),
    `selected ${plural(plan.selected.clips, 'clip')}${spares} of ${grouped(result.eligible)} eligible` +
      ` in ${plural(classes, 'class', 'classes')} -> ${to}`,
    ...haveLines(plan),
  ];
  return lines.map(line => `k400-slice: ${line}\n`).join('');
}

/** `--splits`: the largest distance of a part's total, and of a class's count in a part, from its share. */
function describeDeviation(deviation: { total: number; class: number }): string {
  const clips = (n: number): string => `${Number(n.toFixed(2))} ${n === 1 ? 'clip' : 'clips'}`;
  const { total, class: perClass } = deviation;
  return `parts: largest deviation from the weights ${clips(total)} (a part's total), ${clips(perClass)} (a class)`;
}
