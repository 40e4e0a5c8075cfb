import assert from 'node:assert/strict';
import { cpSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffManifests } from '../../src/api/diff.js';
import { computeStats } from '../../src/api/stats.js';
import { verifyManifest } from '../../src/api/verify.js';
import { readManifest, readManifestFile } from '../../src/manifest/read.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

// stats, verify and diff read a Parquet index (`scan -o X.parquet`) exactly as they read the JSONL index of
// the same scan: the two must give the same rows, counts and findings.

async function scan(root: string, out: string, ...extra: string[]): Promise<void> {
  const run = await runMain(['scan', root, '-o', out, '-q', ...extra]);
  assert.equal(run.status, 0, run.stderr);
}

describe('a Parquet index read by stats, verify and diff', () => {
  const dir = tempDir();
  const mini = join(dir, 'mini');
  cpSync(fixture('kinetics-mini'), mini, { recursive: true });
  const parquet = join(dir, 'mini.parquet');
  const jsonl = join(dir, 'mini.index.jsonl');

  it('reads as the same manifest rows as the JSONL index', async () => {
    await scan(mini, parquet);
    await scan(mini, jsonl);
    const fromParquet = await readManifestFile(parquet);
    const fromJsonl = readManifest(jsonl);
    assert.equal(fromParquet.format, 'index');
    assert.ok(fromParquet.clips.length > 50);
    assert.deepEqual(fromParquet.clips, fromJsonl.clips);
    assert.equal(fromParquet.indexRoot, fromJsonl.indexRoot);
  });

  it('gives the same stats, whole and for one split', async () => {
    const strip = ({ input: _, ...rest }: Awaited<ReturnType<typeof computeStats>>) => rest;
    assert.deepEqual(strip(await computeStats(parquet, {})), strip(await computeStats(jsonl, {})));
    const val = await computeStats(parquet, { split: 'val' });
    assert.deepEqual(strip(val), strip(await computeStats(jsonl, { split: 'val' })));
    assert.equal(val.kind, 'index');
    assert.deepEqual(Object.keys(val.totals.splits), ['val']);
  });

  it('diffs against a slice of its root, both ways, with no difference', async () => {
    const all = join(dir, 'all.csv');
    const sliced = await runMain(['slice', mini, '-o', all, '-q']);
    assert.equal(sliced.status, 0, sliced.stderr);
    assert.equal((await diffManifests(parquet, all)).only_a, 0);
    assert.equal((await diffManifests(all, parquet)).only_b, 0);
    const half = join(dir, 'half.csv');
    assert.equal((await runMain(['slice', parquet, '--percent', '50', '-o', half, '-q'])).status, 0);
    const diff = await diffManifests(parquet, half);
    assert.equal(diff.only_b, 0);
    assert.ok(diff.only_a > 0 && diff.only_a < (await readManifestFile(parquet)).clips.length);
    assert.equal((await runMain(['diff', parquet, jsonl])).status, 0);
  });

  it('verifies against the root the index records, and finds what changed since', async () => {
    const clean = await verifyManifest(parquet, undefined);
    assert.deepEqual(clean.findings, []);
    assert.equal(clean.rows, (await readManifestFile(parquet)).clips.length);
    const [first, second] = (await readManifestFile(parquet)).clips;
    assert.ok(first !== undefined && second !== undefined);
    renameSync(join(mini, first.path), join(dir, 'moved.mp4'));
    writeFileSync(join(mini, second.path), 'not the size the index recorded');
    const found = await verifyManifest(parquet, undefined);
    assert.deepEqual(
      found.findings.map(f => [f.kind, f.path]),
      [
        ['missing', first.path],
        ['changed', second.path],
      ],
    );
    assert.equal((await runMain(['verify', parquet])).status, 1);
  });

  it('counts an annotated Parquet index as its JSONL twin does (missing files per class)', async () => {
    const cvdf = join(dir, 'cvdf');
    cpSync(fixture('cvdf-mini'), cvdf, { recursive: true });
    await scan(cvdf, join(dir, 'cvdf.parquet'));
    await scan(cvdf, join(dir, 'cvdf.index.jsonl'));
    const a = await computeStats(join(dir, 'cvdf.parquet'), {});
    const b = await computeStats(join(dir, 'cvdf.index.jsonl'), {});
    assert.deepEqual(a.classes, b.classes);
    assert.notEqual(a.totals.missing, null);
  });

  it('reads an index with an empty file as the manifest of its non-empty clips', async () => {
    const tree = join(dir, 'tree');
    writeTree(tree, { 'a/x.mp4': 3, 'b/y.mp4': 4, 'b/empty.mp4': 0 });
    await scan(tree, join(dir, 'tree.parquet'));
    const read = await readManifestFile(join(dir, 'tree.parquet'));
    assert.deepEqual(
      read.clips.map(c => [c.path, c.label, c.label_index, c.size_bytes]),
      [
        ['a/x.mp4', 'a', 0, 3],
        ['b/y.mp4', 'b', 1, 4],
      ],
    );
    rmSync(join(tree, 'a', 'x.mp4'));
    assert.deepEqual(
      (await verifyManifest(join(dir, 'tree.parquet'), undefined)).findings.map(f => f.kind),
      ['missing'],
    );
  });
});
