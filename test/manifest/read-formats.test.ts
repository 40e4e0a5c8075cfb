import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readManifest } from '../../src/manifest/read.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const CVDF = fixture('cvdf-mini');
const LISTS = ['mmaction', 'pytorchvideo', 'dali'] as const;

async function slice(args: string[]): Promise<void> {
  const run = await runMain(['slice', ...args, '-q']);
  assert.equal(run.status, 0, run.stderr);
}

/** The columns a list manifest can give back: everything but sizes. */
const comparable = (file: string) => readManifest(file).clips.map(({ size_bytes: _, ...clip }) => clip);

describe('reading every format the tool writes (verify, stats, diff)', () => {
  it('reads mmaction, pytorchvideo and dali lists with their sidecar as the CSV of the same slice', async () => {
    const dir = tempDir();
    await slice([CVDF, '--split', 'val', '--per-class', '2', '-o', join(dir, 'm.csv')]);
    const csv = comparable(join(dir, 'm.csv'));
    assert.equal(csv.length, 9);
    for (const format of LISTS) {
      const out = join(dir, `m.${format}.txt`);
      await slice([CVDF, '--split', 'val', '--per-class', '2', '--format', format, '-o', out]);
      const read = readManifest(out);
      assert.equal(read.format, format);
      assert.deepEqual(comparable(out), csv, format);
      assert.ok(read.clips.every(clip => clip.size_bytes === null));
      const verify = await runMain(['verify', out]);
      assert.equal(verify.status, 0, verify.stderr);
      const stats = await runMain(['stats', out]);
      assert.equal(
        stats.stdout,
        (await runMain(['stats', join(dir, 'm.csv')])).stdout.replace(/ {2}zero-byte|\s+0$/gm, ''),
      );
      assert.equal((await runMain(['diff', join(dir, 'm.csv'), out])).status, 0);
    }
  });

  it('reads a tab-separated list whose paths have spaces, and a list without its sidecar (no labels)', async () => {
    const dir = tempDir();
    const out = join(dir, 'm.txt');
    const mini = fixture('kinetics-mini');
    await slice([mini, '--split', 'val', '--format', 'mmaction', '--separator', '\t', '-o', out]);
    await slice([mini, '--split', 'val', '-o', join(dir, 'm.csv')]);
    assert.deepEqual(comparable(out), comparable(join(dir, 'm.csv')));
    rmSync(`${out}.meta.json`);
    const bare = readManifest(out);
    assert.equal(bare.provenance, null);
    assert.ok(bare.clips.every(clip => clip.label === null && clip.label_index !== null));
    assert.equal((await runMain(['verify', out])).status, 2);
    assert.equal((await runMain(['verify', out, '--root', mini])).status, 0);
  });

  it('reads an index as the manifest of every non-empty clip it offers', async () => {
    const dir = tempDir();
    writeTree(dir, { 'data/a/x.mp4': 3, 'data/a/y.mp4': 4, 'data/b/z.mp4': 5, 'data/b/empty.mp4': 0 });
    const index = join(dir, 'data.index.jsonl');
    const scan = await runMain(['scan', join(dir, 'data'), '-o', index, '-q']);
    assert.equal(scan.status, 0, scan.stderr);
    const read = readManifest(index);
    assert.equal(read.format, 'index');
    assert.deepEqual(
      read.clips.map(c => [c.path, c.label, c.label_index, c.size_bytes]),
      [
        ['a/x.mp4', 'a', 0, 3],
        ['a/y.mp4', 'a', 0, 4],
        ['b/z.mp4', 'b', 1, 5],
      ],
    );
    await slice([join(dir, 'data'), '-o', join(dir, 'all.csv')]);
    assert.equal((await runMain(['diff', index, join(dir, 'all.csv')])).status, 0);
    assert.equal((await runMain(['verify', index])).status, 0);
    renameSync(join(dir, 'data', 'a', 'y.mp4'), join(dir, 'y.mp4'));
    writeFileSync(join(dir, 'data', 'b', 'z.mp4'), 'longer than five');
    const verify = await runMain(['verify', index]);
    assert.equal(verify.status, 1);
    assert.equal(verify.stdout, 'missing: row 2: a/y.mp4\nchanged: row 3: b/z.mp4 (16 bytes, the manifest says 5)\n');
  });
});
