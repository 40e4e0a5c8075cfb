import type { SlicePlan } from '../api/slice.js';
import { compareCodePoints } from '../clip.js';
import { grouped } from '../grouped.js';
import type { Provenance } from '../manifest/schema.js';
import type { Source } from '../source/source.js';
import { probeHistograms } from './histogram.js';
import type { ClassLoss, ClassRow, ReportSection, SplitCounts } from './model.js';

const NO_LABEL = '(no label)';

/** `10% of every class (at least 1 each)`: the size strategy as the card's sentence says it. */
export function describeStrategy(options: Record<string, unknown>): string {
  switch (options.strategy) {
    case 'percent':
      return `${options.percent}% of every class (at least ${options.min_per_class} each)`;
    case 'per-class':
      return `${options.per_class} clips of every class`;
    case 'count':
      return `${options.count} clips in all`;
    case 'stratified-count':
      return `${options.count} clips in all, shared in proportion to class sizes`;
    default:
      return 'every clip that passes the filters';
  }
}

function pieceName(part: string | null, shard: number | null): string | null {
  const words = [part, shard === null ? null : `shard ${shard}`].filter(w => w !== null);
  return words.length === 0 ? null : words.join(', ');
}

function lossOf(source: Source, label: string): ClassLoss | null {
  const counts = source.report.tally.classes.get(label);
  if (counts === undefined) return null;
  const lost = counts.missing + counts.zero_byte + counts.corrupt + counts.unannotated;
  const base = source.annotations.length > 0 ? counts.annotated + counts.unannotated : counts.files;
  return {
    missing: counts.missing,
    zero_byte: counts.zero_byte,
    corrupt: counts.corrupt,
    unannotated: counts.unannotated,
    share: base === 0 ? 0 : lost / base,
  };
}

function selectedByLabel(provenance: Provenance): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of provenance.counts.per_class) {
    const label = row.label ?? NO_LABEL;
    counts.set(label, (counts.get(label) ?? 0) + row.selected);
  }
  return counts;
}

/** A planned slice as report data: every class of the source, in code-point order, with its counts. */
export function sliceSection(name: string, source: Source, plan: SlicePlan): ReportSection {
  const { result } = plan;
  const byLabel = new Map<string, { selected: number; eligible: number }>();
  for (const label of source.classes) byLabel.set(label, { selected: 0, eligible: 0 });
  for (const s of result.strata) {
    const label = s.label ?? NO_LABEL;
    const row = byLabel.get(label) ?? { selected: 0, eligible: 0 };
    row.selected += s.selected;
    row.eligible += s.eligible;
    byLabel.set(label, row);
  }
  const several = plan.outputs.length > 1;
  const pieces = several ? plan.outputs.map(o => selectedByLabel(o.provenance)) : [];
  const classes: ClassRow[] = [...byLabel]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([label, counts]) => ({
      label,
      ...counts,
      pieces: pieces.map(p => p.get(label) ?? 0),
      loss: label === NO_LABEL ? null : lossOf(source, label),
    }));
  const provenance = (plan.outputs[0] as (typeof plan.outputs)[number]).provenance;
  const classCount = new Set(result.rows.map(c => c.label)).size;
  const where = source.splits.length > 0 ? `${source.layout}: ${source.splits.join(', ')}` : source.layout;
  const counts = `${grouped(result.rows.length)} clips of ${grouped(result.eligible)} eligible`;
  const rule = `${provenance.selection_rule.name} v${provenance.selection_rule.version}`;
  const sentence =
    `${describeStrategy(provenance.options)} of \`${source.given || source.annotations.join(', ')}\` (${where}): ` +
    `${counts} in ${grouped(classCount)} classes, selected by ${rule} with seed \`${provenance.seed}\`.`;
  let before = source.table.rows;
  const dropped = result.stages.map(stage => {
    const removed = before - stage.remaining;
    before = stage.remaining;
    return { filter: stage.name, removed };
  });
  return {
    name,
    sentence: sentence.charAt(0).toUpperCase() + sentence.slice(1),
    words: { selected: 'selected', eligible: 'eligible' },
    pieces: several ? plan.outputs.map(o => pieceName(o.part, o.shard) ?? o.path) : [],
    outputs: plan.outputs.map(o => ({ path: o.path, piece: pieceName(o.part, o.shard), rows: o.rows })),
    classes,
    splits: splitCounts(result.strata),
    totals: { selected: result.rows.length, eligible: result.eligible },
    histograms: probeHistograms(source.table, result.rows),
    dropped,
    provenance,
  };
}

function splitCounts(strata: SlicePlan['result']['strata']): SplitCounts[] {
  const splits = new Map<string, { classes: number; selected: number; eligible: number }>();
  for (const s of strata) {
    const key = s.split ?? '(none)';
    const row = splits.get(key) ?? { classes: 0, selected: 0, eligible: 0 };
    row.classes += s.selected > 0 ? 1 : 0;
    row.selected += s.selected;
    row.eligible += s.eligible;
    splits.set(key, row);
  }
  return [...splits].sort(([a], [b]) => compareCodePoints(a, b)).map(([split, row]) => ({ split, ...row }));
}
