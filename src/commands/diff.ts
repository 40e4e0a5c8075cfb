import { Command } from 'commander';
import * as z from 'zod';
import { diffManifests } from '../api/diff.js';
import { DifferencesFound } from '../errors.js';
import type { Io } from '../io.js';
import { flag, text } from '../options/fields.js';
import { cliName, parseWith } from '../options/validation.js';

const diffOptionsSchema = z.strictObject({ a: text, b: text, json: flag.default(false) });

export function diffCommand(io: Io): Command {
  return new Command('diff')
    .description('Compare two manifests: clips only in A, only in B, and label changes, per class and in total.')
    .argument('<a>', 'a manifest (any --format, with its sidecar) or an index')
    .argument('<b>', 'another manifest')
    .option('--json', 'print {"only_a": n, "only_b": n, "label_changed": n, "classes": {...}}')
    .addHelpText(
      'after',
      '\nExamples:\n  k400-slice diff old/k400-10pct.csv k400-10pct.csv\n  k400-slice diff seed0.json seed1.json --json\n\nExit codes: 0 same clips and labels; 1 differences printed; 2 usage or input error.\n',
    )
    .action((a: string, b: string, raw: Record<string, unknown>) => {
      const options = parseWith(diffOptionsSchema, { a, b, ...raw }, cliName);
      const diff = diffManifests(options.a, options.b);
      if (options.json) {
        io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
      } else {
        const rows = Object.entries(diff.classes).map(([label, c]) => [
          label,
          String(c.only_a),
          String(c.only_b),
          String(c.label_changed),
        ]);
        const table = [
          ['class', 'only in A', 'only in B', 'label changed'],
          ...rows,
          ['total', String(diff.only_a), String(diff.only_b), String(diff.label_changed)],
        ];
        const widths = (table[0] as string[]).map((_, i) => Math.max(...table.map(row => [...(row[i] ?? '')].length)));
        io.stdout(
          `${table
            .map(row =>
              row
                .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
                .join('  ')
                .trimEnd(),
            )
            .join('\n')}\n`,
        );
      }
      if (diff.only_a + diff.only_b + diff.label_changed > 0) throw new DifferencesFound();
    });
}
