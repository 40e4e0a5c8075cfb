import { DatasetError } from '../errors.js';
import { grouped } from '../grouped.js';
import type { ShortClass } from '../select/strategies/index.js';
import type { Source } from '../source/source.js';
import type { IdFilters } from './slice.js';

/**
 * The reconciliation report (`--report FILE`): totals, per-class counts and examples of every finding;
 * annotation counts are null when no annotations were read. Subset lists add how many of their ids matched,
 * and a slice the classes whose usable files could not fill their quota (`short_quota`).
 */
export function reconciliationReport(
  source: Source,
  ids: IdFilters = { keep: null, drop: null },
  warnings: readonly string[] = [],
  short: readonly ShortClass[] = [],
): Record<string, unknown> {
  const report: Record<string, unknown> = { ...source.report.tally.toReport(source.annotations.length > 0) };
  // Whole, with every item: stderr names only the first few of a long list and points here.
  if (warnings.length > 0) report.warnings = [...warnings];
  if (source.report.disagreements.count > 0) report.disagreements = source.report.disagreements;
  for (const [key, matcher] of [
    ['ids_file', ids.keep],
    ['exclude_ids_file', ids.drop],
  ] as const) {
    if (matcher !== null) {
      const unmatched = matcher.unmatched();
      report[key] = { listed: matcher.listedCount, unmatched: unmatched.length, unmatched_ids: unmatched };
    }
  }
  const notNfc = source.report.notNfc;
  if (notNfc.length > 0) report.not_nfc = { count: notNfc.length, examples: notNfc.slice(0, 20) };
  if (short.length > 0) report.short_quota = short.map(s => ({ ...s }));
  return report;
}

/** `--strict`: missing, zero-byte, corrupt, duplicate or unannotated files fail the run (exit 2), after the report. */
export function assertStrict(source: Source): void {
  const totals = source.report.tally.totals;
  const words = {
    missing: ['missing', 'missing'],
    zero_byte: ['zero-byte', 'zero-byte'],
    corrupt: ['corrupt', 'corrupt'],
    duplicates: ['duplicate', 'duplicates'],
    unannotated: ['unannotated', 'unannotated'],
  } as const;
  const findings = (Object.keys(words) as (keyof typeof words)[])
    .filter(key => totals[key] > 0)
    .map(key => `${grouped(totals[key])} ${words[key][totals[key] === 1 ? 0 : 1]}`);
  if (findings.length > 0) {
    throw new DatasetError(
      `--strict: the source has ${findings.join(', ')}`,
      'see --report FILE for the clips, fix the copy, or drop --strict',
    );
  }
}
