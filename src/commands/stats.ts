import { Command } from 'commander';
import * as z from 'zod';
import { type ClassStats, computeStats, type Stats } from '../api/stats.js';
import type { Io } from '../io.js';
import { bucketPrefix, extensionList, flag, pathList, text, threadsField } from '../options/fields.js';
import { cliName, parseWith } from '../options/validation.js';
import { checkReportTargets, reportFiles, reportTargets } from '../report/report-outputs.js';
import { statsSection } from '../report/stats-section.js';
import { layoutField } from '../source/loaders/layout-field.js';
import { writeAllOrNothing } from '../write/atomic.js';
import { withSourceOptions } from './source-options.js';

const statsOptionsSchema = z.strictObject({
  input: text,
  layout: layoutField.optional(),
  prefix: bucketPrefix.optional(),
  split: text.optional(),
  annotations: pathList.optional(),
  ext: extensionList.optional(),
  threads: threadsField.optional(),
  json: flag.default(false),
});

/** The human table: one row a class, a column a split when there are several, and a total line. */
export function renderStatsTable(stats: Stats): string {
  const splits = Object.keys(stats.totals.splits);
  const perSplit = splits.length > 1 ? splits : [];
  const columns = [
    'clips',
    ...perSplit,
    ...(stats.totals.missing === null ? [] : ['missing']),
    ...(stats.totals.zero_byte === null ? [] : ['zero-byte']),
  ];
  const cells = (row: Omit<ClassStats, 'label'>): string[] => [
    String(row.clips),
    ...perSplit.map(split => String(row.splits[split] ?? 0)),
    ...(stats.totals.missing === null ? [] : [String(row.missing ?? 0)]),
    ...(stats.totals.zero_byte === null ? [] : [String(row.zero_byte ?? 0)]),
  ];
  const body = stats.classes.map(row => [row.label ?? '(no label)', ...cells(row)]);
  const total = [
    `total (${stats.totals.classes} ${stats.totals.classes === 1 ? 'class' : 'classes'})`,
    ...cells(stats.totals),
  ];
  const table = [['class', ...columns], ...body, total];
  const widths = table[0]?.map((_, i) => Math.max(...table.map(row => [...(row[i] ?? '')].length))) ?? [];
  const line = (row: string[]): string =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[...table.slice(0, -1).map(line), line(total)].join('\n')}\n`;
}

export function statsCommand(io: Io): Command {
  return withSourceOptions(new Command('stats'))
    .description('Count clips per class of a dataset root, an index or a manifest.')
    .argument('<input>', 'dataset root, index (k400-slice scan) or manifest (any --format, with its sidecar)')
    .option('--prefix <uri>', 'with a bucket listing as INPUT: the folder it lists, e.g. s3://bucket/k400/')
    .option('--json', 'print {"totals": {...}, "classes": [...]} instead of a table')
    .option('--html <file>', 'also write a self-contained HTML page: one bar a class, splits side by side')
    .addHelpText(
      'after',
      '\nExamples:\n  k400-slice stats data/k400\n  k400-slice stats manifests/k400-10pct.csv --json\n\nExit ' +
        'codes: 0 printed; 2 usage or input error.\n',
    )
    .action(async (input: string, raw: Record<string, unknown>) => {
      const { html, ...rest } = raw;
      const targets = reportTargets({ html });
      checkReportTargets(targets, [input], { manifestOnStdout: true });
      const options = parseWith(statsOptionsSchema, { input, ...rest }, cliName);
      const stats = await computeStats(options.input, {
        split: options.split,
        layout: options.layout,
        prefix: options.prefix,
        annotations: options.annotations,
        extensions: options.ext,
        threads: options.threads,
      });
      const page = reportFiles(targets, `Classes of ${options.input}`, [statsSection(stats)], '');
      const inputs = [
        { path: options.input, what: 'the input' },
        ...(options.annotations ?? []).map(path => ({ path, what: 'the annotations' })),
      ];
      await writeAllOrNothing(page.files, { inputs });
      io.stdout(
        options.json
          ? `${JSON.stringify({ totals: stats.totals, classes: stats.classes }, null, 2)}\n`
          : renderStatsTable(stats),
      );
    });
}
