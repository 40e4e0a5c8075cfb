import type { PlannedSlice } from '../api/run.js';
import { grouped } from '../grouped.js';
import type { WriteOutcome } from '../write/atomic.js';
import { abbreviateWarning } from './long-warning.js';
import { describeSource, plural } from './slice-summary.js';

/**
 * A run's summary: a line a slice (clips, spares, outputs), then what `slice` would say of the same slice: how it
 * was sliced (notes), the source's warnings (once for a source many slices read) and the slice's own warnings.
 */
export function renderRunSummary(slices: readonly PlannedSlice[], outcome: WriteOutcome): string {
  const unchanged = new Set(outcome.unchanged);
  const lines: string[] = [];
  for (const { name, plan } of slices) {
    const outputs = plan.outputs
      .map(o => (o.path === '-' ? 'stdout' : `${o.path}${unchanged.has(o.path) ? ' (unchanged)' : ''}`))
      .join(', ');
    const spares = plan.result.spares ?? 0;
    const of = spares > 0 ? ` (${grouped(spares)} of them spares)` : '';
    lines.push(`${name}: ${plural(plan.selected.clips, 'clip')}${of} -> ${outputs}`);
  }
  const seen = new Set<string>();
  for (const { name, note, source, plan, report } of slices) {
    if (note !== undefined) lines.push(`${name}: ${note}`);
    for (const line of describeSource(source).filter(l => l.startsWith('warning: '))) {
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push(`warning: ${name}: ${line.slice('warning: '.length)}`);
    }
    for (const warning of plan.warnings) lines.push(`warning: ${name}: ${abbreviateWarning(warning, report)}`);
  }
  return lines.map(line => `k400-slice: ${line}\n`).join('');
}
