import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { runCli } from './run-in-process.js';

const MINI = fixture('kinetics-mini');
const MINI_CLASSES = 6;

function count(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

/** A class tree of n classes, class i holding 1 to 5 clips of 10 bytes. */
function manyClasses(n: number): string {
  const root = tempDir();
  const files: Record<string, number> = {};
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i % 5; j++) files[`class ${String(i).padStart(3, '0')}/clip${j}.mp4`] = 10;
  writeTree(root, files);
  return root;
}

describe('--html', () => {
  it('draws one bar a class, selected over eligible, with totals, and nothing from the network', async () => {
    const dir = tempDir();
    const page = join(dir, 'm.html');
    const run = await runCli([
      'slice',
      MINI,
      '--percent',
      '50',
      '--seed',
      '1',
      '-o',
      join(dir, 'm.csv'),
      '--html',
      page,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(page, 'utf8');
    assert.equal(count(html, /<svg class="bar"/g), MINI_CLASSES);
    assert.equal(count(html, /<rect class="eligible"/g), MINI_CLASSES);
    assert.match(html, /<tr data-name="air drumming" data-selected="25" data-eligible="50">/);
    assert.match(html, /total \(6 classes\)<\/th>\n<td><\/td><td class="n">43<\/td><td class="n">80<\/td>/);
    assert.doesNotMatch(html, /<script[^>]* src=|<link |https?:\/\//);
    assert.match(html, /md5-sum:[0-9a-f]{32}/);
    assert.match(run.stderr, /-> .*m\.csv, .*m\.csv\.meta\.json, .*m\.html\n$/);
  });

  it('gives the same bytes on every run (no date, no clock)', async () => {
    const dir = tempDir();
    const pages = [join(dir, 'a.html'), join(dir, 'b.html')];
    for (const page of pages)
      await runCli(['slice', MINI, '--count', '9', '-o', join(dir, 'm.csv'), '--html', page, '--threads', '3']);
    assert.equal(readFileSync(pages[0] as string, 'utf8'), readFileSync(pages[1] as string, 'utf8'));
  });

  it('puts parts and shards side by side per class, and their sums are the selected clips', async () => {
    const dir = tempDir();
    const page = join(dir, 'p.html');
    const args = ['slice', MINI, '--percent', '50', '--splits', 'a=50,b=50', '--shards', '2'];
    const run = await runCli([...args, '-o', join(dir, 'm-{split}-{shard}.csv'), '--html', page]);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(page, 'utf8');
    for (const piece of ['a, shard 0', 'a, shard 1', 'b, shard 0', 'b, shard 1'])
      assert.ok(html.includes(piece), piece);
    const row = /<tr data-name="air drumming"[^\n]*<\/tr>/.exec(html)?.[0] ?? '';
    const numbers = [...row.matchAll(/<td class="n">(\d+)<\/td>/g)].map(m => Number(m[1]));
    const [selected, , ...pieces] = numbers;
    assert.equal(pieces.length, 4);
    assert.equal(
      pieces.reduce((a, b) => a + b, 0),
      selected,
    );
  });

  it('highlights a class that lost more than 5% of its clips to empty files', async () => {
    const root = tempDir();
    writeTree(root, { 'a/a1.mp4': 5, 'a/a2.mp4': 5, 'a/a3.mp4': 0, 'b/b1.mp4': 5, 'b/b2.mp4': 5 });
    const page = join(tempDir(), 'r.html');
    const run = await runCli(['slice', root, '-o', join(tempDir(), 'x.csv'), '--html', page, '-q']);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(page, 'utf8');
    assert.match(html, /<tr data-name="a" data-selected="2" data-eligible="2" class="lossy">/);
    assert.match(html, /<tr data-name="b" data-selected="2" data-eligible="2">/);
    assert.match(html, /<th scope="col" class="n">zero-byte<\/th>/);
    assert.match(html, /33\.3%/);
  });

  it('stays one scrollable row a class at 700 classes', async () => {
    const root = manyClasses(700);
    const page = join(tempDir(), 'big.html');
    const run = await runCli(['stats', root, '--html', page]);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(page, 'utf8');
    assert.equal(count(html, /<svg class="bar"/g), 700);
    assert.match(html, /\.chart\{max-height:70vh;overflow:auto/);
  });

  it('shows histograms of probed clips and what each filter dropped', async () => {
    const root = tempDir();
    for (const [label, name] of [
      ['a', 'faststart.mp4'],
      ['a', 'clip.webm'],
      ['b', 'clip.mov'],
      ['b', 'cut-faststart.mp4'],
    ] as const) {
      mkdirSync(join(root, label), { recursive: true });
      copyFileSync(fixture('probe', name), join(root, label, name.replace('.', '-') + name.slice(name.indexOf('.'))));
    }
    const page = join(tempDir(), 'probe.html');
    const run = await runCli([
      'slice',
      root,
      '--probe',
      '--min-duration',
      '0.5',
      '-o',
      join(tempDir(), 'p.csv'),
      '--html',
      page,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(page, 'utf8');
    for (const title of ['duration (s)', 'frames', 'resolution'])
      assert.ok(html.includes(`<figcaption>${title}`), title);
    assert.match(html, /<code>corrupt videos<\/code><\/th><td class="n">1<\/td>/);
    assert.match(html, /<code>--min-duration<\/code><\/th><td class="n">\d+<\/td>/);
  });

  it('writes a page for stats, with the splits side by side', async () => {
    const page = join(tempDir(), 's.html');
    const run = await runCli(['stats', MINI, '--html', page]);
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(page, 'utf8');
    assert.equal(count(html, /<svg class="bar"/g), MINI_CLASSES);
    assert.match(html, />train<\/th>/);
    assert.match(run.stdout, /^class +clips/);
  });
});
