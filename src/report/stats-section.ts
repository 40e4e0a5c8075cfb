import type { Stats } from '../api/stats.js';
import type { ClassRow, ReportSection } from './model.js';

/**
 * `stats` as report data: one bar a class (its clips), the splits side by side, and what is missing or
 * empty where the input can know it.
 */
export function statsSection(stats: Stats): ReportSection {
  const splits = Object.keys(stats.totals.splits);
  const pieces = splits.length > 1 ? splits : [];
  const known = stats.totals.missing !== null || stats.totals.zero_byte !== null;
  const classes: ClassRow[] = stats.classes.map(row => {
    const missing = row.missing ?? 0;
    const zero = row.zero_byte ?? 0;
    const base = row.clips + missing + zero;
    return {
      label: row.label ?? '(no label)',
      selected: row.clips,
      eligible: row.clips,
      pieces: pieces.map(split => row.splits[split] ?? 0),
      loss: known
        ? { missing, zero_byte: zero, corrupt: 0, unannotated: 0, share: base === 0 ? 0 : (missing + zero) / base }
        : null,
    };
  });
  const kind = { root: 'dataset root', index: 'index', manifest: 'manifest' }[stats.kind];
  return {
    name: stats.input,
    sentence: `The ${kind} \`${stats.input}\`: ${stats.totals.clips} clips in ${stats.totals.classes} classes.`,
    words: { selected: 'clips', eligible: null },
    pieces,
    outputs: [],
    classes,
    splits: splits.map(split => ({
      split,
      classes: stats.classes.filter(c => (c.splits[split] ?? 0) > 0).length,
      selected: stats.totals.splits[split] ?? 0,
      eligible: stats.totals.splits[split] ?? 0,
    })),
    totals: { selected: stats.totals.clips, eligible: stats.totals.clips },
    histograms: [],
    dropped: [],
    provenance: null,
  };
}
