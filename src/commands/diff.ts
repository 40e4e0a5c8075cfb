import { Command } from 'commander';
import * as z from 'zod';
import { DIFF_FIELDS, type DiffCounts, differs, diffManifests, type ManifestDiff } from '../api/diff.js';
import { DifferencesFound } from '../errors.js';
import type { Io } from '../io.js';
import { flag, text } from '../options/fields.js';
import { cliName, parseWith } from '../options/validation.js';

const HEADINGS: Record<keyof DiffCounts, string> = {
  only_a: 'only in A',
  only_b: 'only in B',
  label_changed: 'label changed',
  label_respelled: 'respelled',
  index_changed: 'index changed',
};

/** One row a class with a difference, a total line; a spelling change is its own column, not a label change. */
export function renderDiffTable(diff: ManifestDiff): string {
  const cells = (counts: DiffCounts): string[] => DIFF_FIELDS.map(field => String(counts[field]));
  const table = [
    ['class', ...DIFF_FIELDS.map(field => HEADINGS[field])],
    ...Object.entries(diff.classes).map(([label, counts]) => [label, ...cells(counts)]),
    ['total', ...cells(diff)],
  ];
  const widths = (table[0] as string[]).map((_, i) => Math.max(...table.map(row => [...(row[i] ?? '')].length)));
  const line = (row: string[]): string =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${table.map(line).join('\n')}\n`;
}

const diffOptionsSchema = z.strictObject({ a: text, b: text, json: flag.default(false) });

export function diffCommand(io: Io): Command {
  return new Command('diff')
    .description(
      'Compare two manifests: clips only in A, only in B, label changes, respellings and label_index changes.',
    )
    .argument('<a>', 'a manifest (any --format, with its sidecar) or an index')
    .argument('<b>', 'another manifest')
    .option('--json', 'print {"only_a", "only_b", "label_changed", "label_respelled", "index_changed", "classes"}')
    .addHelpText(
      'after',
      '\nExamples:\n  k400-slice diff old/k400-10pct.csv k400-10pct.csv\n  k400-slice diff seed0.json seed1.json ' +
        '--json\n\n' +
        'Exit codes: 0 same clips, labels and label indices; 1 differences printed; 2 usage or input error.\n',
    )
    .action(async (a: string, b: string, raw: Record<string, unknown>) => {
      const options = parseWith(diffOptionsSchema, { a, b, ...raw }, cliName);
      const diff = await diffManifests(options.a, options.b);
      if (options.json) {
        io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
      } else {
        io.stdout(renderDiffTable(diff));
      }
      if (differs(diff)) throw new DifferencesFound();
    });
}
