import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../helpers/temp.js';
import { type Row, rowsArb, run, writeAnnotations, writeDownload } from './plan-helpers.js';

interface OptionSet {
  readonly name: string;
  readonly args: string[];
  readonly files?: string[];
  readonly mayFail?: boolean;
}

/** Option sets covering every strategy, filter, list, part, shard and label option; `dir` holds outputs. */
function optionSets(rows: readonly Row[], dir: string, n: number): OptionSet[] {
  const first = rows[0] as Row;
  const ids = join(dir, 'ids.txt');
  writeFileSync(
    ids,
    `${rows
      .filter((_, i) => i % 3 === 0)
      .map(r => r.youtubeId)
      .join('\n')}\n`,
  );
  return [
    { name: 'everything', args: [] },
    { name: 'percent', args: ['--percent', String(1 + (n % 100))] },
    { name: 'percent with a minimum', args: ['--percent', '12.5', '--min-per-class', '2'] },
    { name: 'per class', args: ['--per-class', String(1 + (n % 7))] },
    { name: 'count', args: ['--count', String(1 + (n % 30)), '--allow-fewer'] },
    { name: 'stratified count', args: ['--count', String(1 + (n % 30)), '--stratified', '--allow-fewer'] },
    { name: 'a class', args: ['--percent', '50', '--classes', first.label] },
    { name: 'all but a class', args: ['--per-class', '3', '--exclude-classes', first.label] },
    // A dataset without splits refuses --split, alone or not: the outcomes are compared all the same.
    { name: 'a split', args: ['--percent', '40', '--split', 'train'], mayFail: true },
    { name: 'an id list', args: ['--ids-file', ids, '--per-class', '2'] },
    {
      name: 'relabelled, respelled, shuffled',
      args: ['--per-class', '4', '--relabel', '--label-style', 'torchvision', '--shuffle', '--seed', 'x'],
    },
    { name: 'JSON', args: ['--percent', '30', '--format', 'json'] },
    {
      name: 'parts',
      args: ['--percent', '70', '--splits', 'a=60,b=40', '--no-meta', '-o', join(dir, '{splitdir}', 'p-{split}.csv')],
      files: ['p-a.csv', 'p-b.csv'],
    },
    {
      name: 'shards',
      // More shards than clips is refused, alone or not.
      mayFail: true,
      args: [
        '--count',
        '9',
        '--allow-fewer',
        '--shards',
        '3',
        '--no-meta',
        '-o',
        join(dir, '{splitdir}', 's-{shard}.csv'),
      ],
      files: ['s-0.csv', 's-1.csv', 's-2.csv'],
    },
  ];
}

/** What a slice gave: its exit status and its manifests, JSON without the provenance (it names the source). */
function outcome(result: { status: number; stdout: string }, folder: string, files: readonly string[] = []): unknown {
  if (result.status !== 0 || files.length > 0)
    return { status: result.status, files: files.map(f => readFileSync(join(folder, f), 'utf8')) };
  if (result.stdout.startsWith('{')) {
    const { classes, clips } = JSON.parse(result.stdout);
    return { classes, clips: clips.map((c: Record<string, unknown>) => ({ ...c, size_bytes: null })) };
  }
  return result.stdout;
}

describe('slicing annotations alone', () => {
  it('picks exactly the clips the same options pick from a complete download with those annotations', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb({ maxRows: 50 }), fc.nat({ max: 1000 }), async (rows, n) => {
        const dir = tempDir('k400-plan-');
        const csv = writeAnnotations(dir, rows);
        const root = join(dir, 'download');
        writeDownload(root, rows);
        for (const which of ['tree', 'alone']) mkdirSync(join(dir, which));
        for (const set of optionSets(rows, dir, n)) {
          const outputs = (which: string): string[] => set.args.map(a => a.replace('{splitdir}', which));
          const tree = await run(['slice', root, '--annotations', csv, '--threads', '1', ...outputs('tree')]);
          const alone = await run(['slice', '--annotations', csv, ...outputs('alone')]);
          const shown = `${set.name}: ${set.args.join(' ')}\n${tree.stderr}\n${alone.stderr}`;
          if (set.mayFail !== true) assert.notEqual(tree.status, 2, shown);
          assert.deepEqual(
            outcome(alone, join(dir, 'alone'), tree.status === 0 ? set.files : []),
            outcome(tree, join(dir, 'tree'), tree.status === 0 ? set.files : []),
            shown,
          );
        }
      }),
      { numRuns: 15 },
    );
  });
});
