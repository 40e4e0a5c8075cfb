import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { runCli } from './run-in-process.js';

const GOLDEN = fixture('report', 'kinetics-mini-percent-50-seed-1.md');
const GOLDEN_SPLITS = fixture('report', 'kinetics-mini-val-splits-shards.md');

/** Runs the CLI in-process from the package root; the temporary folder reads as OUT in the card. */
async function card(args: string[]): Promise<{ text: string; dir: string }> {
  const dir = tempDir();
  const run = await runMain([...args.map(a => a.replace('OUT', dir)), '--markdown', '-']);
  assert.equal(run.status, 0, run.stderr);
  return { text: run.stdout.replaceAll(dir, 'OUT'), dir };
}

describe('--markdown', () => {
  it('prints the golden card of a slice: sentence, rule, seed, options, splits, classes, rebuild', async () => {
    const { text } = await card([
      'slice',
      'fixtures/kinetics-mini',
      '--percent',
      '50',
      '--seed',
      '1',
      '-o',
      'OUT/m.csv',
    ]);
    assert.equal(text, readFileSync(GOLDEN, 'utf8'));
  });

  it('prints the golden card of a slice in parts and shards', async () => {
    const args = ['slice', 'fixtures/kinetics-mini', '--split', 'val', '--splits', 'a=70,b=30', '--shards', '2'];
    const { text } = await card([...args, '--seed', 'x y', '-o', 'OUT/v-{split}-{shard}.jsonl']);
    assert.equal(text, readFileSync(GOLDEN_SPLITS, 'utf8'));
  });

  it('rebuilds the same manifest with the command it gives', async () => {
    const { text, dir } = await card([
      'slice',
      'fixtures/kinetics-mini',
      '--count',
      '7',
      '--seed',
      "it's",
      '-o',
      'OUT/m.csv',
    ]);
    const command = /```sh\n(.*)\n```/.exec(text)?.[1] ?? '';
    assert.equal(command, `k400-slice slice fixtures/kinetics-mini --seed 'it'\\''s' --count 7 --output OUT/m.csv`);
    const before = readFileSync(join(dir, 'm.csv'), 'utf8');
    const again = await runMain([
      'slice',
      'fixtures/kinetics-mini',
      '--seed',
      "it's",
      '--count',
      '7',
      '--output',
      join(dir, 'n.csv'),
    ]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(join(dir, 'n.csv'), 'utf8'), before);
  });

  it('lists the 10 smallest and the 10 largest classes when there are more than 20', async () => {
    const root = tempDir();
    const files: Record<string, number> = {};
    for (let i = 0; i < 25; i++)
      for (let j = 0; j <= i; j++) files[`c${String(i).padStart(2, '0')}/c${i}-${j}.mp4`] = 3;
    writeTree(root, files);
    const out = join(tempDir(), 'card.md');
    const run = await runCli(['slice', root, '--per-class', '20', '-o', join(tempDir(), 'm.csv'), '--markdown', out]);
    assert.equal(run.status, 0, run.stderr);
    const text = readFileSync(out, 'utf8');
    const smallest = text.slice(text.indexOf('The 10 smallest'), text.indexOf('The 10 largest'));
    const largest = text.slice(text.indexOf('The 10 largest'), text.indexOf('**Rebuild**'));
    assert.deepEqual(
      [...smallest.matchAll(/^\| (c\d\d) /gm)].map(m => m[1]),
      ['c00', 'c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09'],
    );
    // Five classes reach the cap of 20: the largest list is them in name order, then the next largest.
    assert.deepEqual(
      [...largest.matchAll(/^\| (c\d\d) /gm)].map(m => m[1]),
      ['c19', 'c20', 'c21', 'c22', 'c23', 'c24', 'c18', 'c17', 'c16', 'c15'],
    );
    assert.match(text, /\(of 25\)/);
  });

  it('makes one card for every slice of a run, rebuilt by the run', async () => {
    const dir = tempDir();
    const config = join(dir, 'slices.json');
    writeFileSync(
      config,
      JSON.stringify({
        source: fixture('kinetics-mini'),
        slices: { ten: { percent: 10, output: 'ten.csv' }, two: { perClass: 2, split: 'val', output: 'two.json' } },
      }),
    );
    const run = await runCli(['run', config, '--markdown', '-', '--html', join(dir, 'run.html')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^## Slices of .*slices\.json\n\n### ten\n\n10% of every class/);
    assert.match(run.stdout, /\n### two\n\n2 clips of every class of /);
    assert.ok(run.stdout.endsWith(`\`\`\`sh\nk400-slice run ${config}\n\`\`\`\n`), run.stdout.slice(-200));
    const html = readFileSync(join(dir, 'run.html'), 'utf8');
    assert.equal([...html.matchAll(/<svg class="bar"/g)].length, 12);
    assert.match(html, /<a href="#s1">two<\/a>/);
  });
});
