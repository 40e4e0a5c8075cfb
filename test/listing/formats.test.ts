import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { fixtureKeys, LISTING_FIXTURES, manifestWithoutSource, writeKeys } from './listing-helpers.js';

describe('every listing format of one bucket', () => {
  const tree = join(tempDir(), 'kinetics');
  writeKeys(tree, fixtureKeys());

  for (const { format, file, prefix } of LISTING_FIXTURES) {
    const args = [fixture('listings', file), ...(prefix === undefined ? [] : ['--prefix', prefix])];

    it(`${file} (${format}) reads as the tree it lists: clips, sizes, classes, splits and findings`, async () => {
      const fromTree = await loadSource(tree, { threads: 0 });
      const fromListing = await loadSource(args[0] as string, { prefix });
      const clips = (source: typeof fromTree) =>
        source.clips.map(c => `${c.split} ${c.label} ${c.clipId} ${c.path} ${c.sizeBytes}`).sort();
      assert.deepEqual(clips(fromListing), clips(fromTree));
      assert.deepEqual(fromListing.classes, fromTree.classes);
      assert.deepEqual(fromListing.splits, fromTree.splits);
      assert.equal(fromListing.layout, fromTree.layout);
      assert.equal(fromListing.fingerprint, fromTree.fingerprint);
      assert.deepEqual(fromListing.report.skipped, fromTree.report.skipped);
      assert.deepEqual(fromListing.report.tally, fromTree.report.tally);
      assert.deepEqual(fromListing.report.duplicates, fromTree.report.duplicates);
      assert.deepEqual(fromListing.report.notNfc, fromTree.report.notNfc);
      assert.match(fromListing.root, /^(s3|gs):\/\/k400-bucket\/kinetics\/$/);
    });

    it(`${file} (${format}) slices to the tree's manifest, byte for byte but for where it was read`, async () => {
      const out = tempDir();
      const options = ['--percent', '30', '--seed', 'listing'];
      const expected = await manifestWithoutSource(['slice', tree, ...options], join(out, 'tree.json'));
      const got = await manifestWithoutSource(['slice', ...args, ...options], join(out, 'listing.json'));
      assert.equal(got, expected);
    });
  }

  it('records the prefix as the root, and --absolute writes full URIs', async () => {
    const out = join(tempDir(), 'm.json');
    const { runMain } = await import('../helpers/in-process.js');
    const run = await runMain([
      'slice',
      fixture('listings', 'gcloud-ls.txt'),
      '--per-class',
      '1',
      '--absolute',
      '-o',
      out,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const manifest = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(manifest.provenance.source.root, 'gs://k400-bucket/kinetics/');
    assert.ok(manifest.clips.length > 0);
    for (const clip of manifest.clips) assert.match(clip.path, /^gs:\/\/k400-bucket\/kinetics\/(train|val)\//);
  });
});

describe('an index of a listing', () => {
  it('keeps the prefix as its root, and slices as the listing does', async () => {
    const { runMain } = await import('../helpers/in-process.js');
    const out = tempDir();
    const listing = fixture('listings', 'gcs-inventory.csv');
    const scan = await runMain(['scan', listing, '-o', join(out, 'i.jsonl'), '-q']);
    assert.equal(scan.status, 0, scan.stderr);
    const header = JSON.parse(readFileSync(join(out, 'i.jsonl'), 'utf8').split('\n')[0] as string);
    assert.equal(header.source.root, 'gs://k400-bucket/kinetics/');
    const options = ['--per-class', '3', '--absolute'];
    assert.equal(
      await manifestWithoutSource(['slice', join(out, 'i.jsonl'), ...options], join(out, 'i.json')),
      await manifestWithoutSource(['slice', listing, ...options], join(out, 'l.json')),
    );
  });
});

describe('hashing a listing on worker threads', () => {
  it('gives the clips, keys and fingerprint of hashing on one thread', async () => {
    const file = fixture('listings', 'gcloud-ls.txt');
    const one = await loadSource(file, { threads: 1, seed: 'w' });
    const many = await loadSource(file, { threads: 3, seed: 'w' });
    const rows = (source: typeof one) =>
      source.clips.map(c => `${c.split} ${c.label} ${c.path} ${c.sizeBytes} ${source.keyOf('w')(c)}`);
    assert.ok(one.clips.length > 100);
    assert.deepEqual(rows(many), rows(one));
    assert.equal(many.fingerprint, one.fingerprint);
  });
});
