import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { fixtureKeys, manifestWithoutSource, writeKeys } from './listing-helpers.js';

// The layouts other than a split tree, from listings: a class tree, a CVDF download with its annotation CSVs
// downloaded, and a tree with --annotations. Each slices as the folder it lists.

const options = ['--percent', '50', '--seed', 'layouts'];

/** The keys of a path,size listing of URIs, below its prefix. */
function uriKeys(file: string, prefix: string): [string, number][] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as { path: string; size: string }[];
  return rows.map(row => [row.path.slice(prefix.length), Number(row.size)]);
}

/** The keys of a gcloud listing, below its first folder line. */
function gcloudKeys(file: string): [string, number][] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const prefix = (lines[0] as string).slice(0, -1);
  return lines.flatMap(line => {
    const match = /^ *(\d+) +\S+ +(gs:\/\/.*)$/.exec(line);
    return match === null ? [] : [[(match[2] as string).slice(prefix.length), Number(match[1])] as [string, number]];
  });
}

describe('listings of other layouts', () => {
  it('a class tree (gcloud) reads and slices as the class tree', async () => {
    const file = fixture('listings', 'class-tree', 'gcloud-ls.txt');
    const tree = join(tempDir(), 'classes');
    writeKeys(tree, gcloudKeys(file));
    const source = await loadSource(file);
    assert.equal(source.layout, 'class-tree');
    assert.deepEqual(source.splits, []);
    const out = tempDir();
    assert.equal(
      await manifestWithoutSource(['slice', file, ...options], join(out, 'l.json')),
      await manifestWithoutSource(['slice', tree, ...options], join(out, 't.json')),
    );
  });

  it('a CVDF download with its annotations downloaded reads and slices as the download', async () => {
    const file = fixture('listings', 'cvdf', 'paths.csv');
    const csvs = ['train', 'val'].map(split => fixture('listings', 'cvdf', 'annotations', `${split}.csv`));
    const tree = join(tempDir(), 'cvdf');
    writeKeys(tree, uriKeys(file, 's3://k400-bucket/kinetics/'));
    for (const csv of csvs) copyFileSync(csv, join(tree, 'annotations', csv.slice(csv.lastIndexOf('/') + 1)));
    const fromTree = await loadSource(tree, { threads: 0 });
    const fromListing = await loadSource(file, { annotations: csvs });
    assert.equal(fromListing.layout, 'cvdf');
    assert.deepEqual(fromListing.report.tally, fromTree.report.tally);
    assert.ok(fromListing.report.tally.totals.missing > 0 && fromListing.report.tally.totals.unannotated > 0);
    const out = tempDir();
    const args = csvs.flatMap(csv => ['--annotations', csv]);
    assert.equal(
      await manifestWithoutSource(['slice', file, ...args, ...options], join(out, 'l.json')),
      await manifestWithoutSource(['slice', tree, ...options], join(out, 't.json')),
    );
  });

  it('a split tree with --annotations reads as the tree with them (split-class-tree+annotations)', async () => {
    const keys = fixtureKeys();
    const tree = join(tempDir(), 'kinetics');
    writeKeys(tree, keys);
    const rows = keys.flatMap(([key]) => {
      const match = /^(train|val)\/([^/]+)\/([A-Za-z0-9_-]{11})_(\d{6})_(\d{6})\.mp4$/.exec(key);
      if (match === null || key.includes('zumba')) return [];
      const [, split, label, id, start, end] = match as unknown as string[];
      return [`"${label}",${id},${Number(start)},${Number(end)},${split}`];
    });
    const csv = join(tempDir(), 'k.csv');
    writeFileSync(csv, `label,youtube_id,time_start,time_end,split\n${rows.join('\n')}\n`);
    const listing = [fixture('listings', 'aws-s3-ls.txt'), '--prefix', 's3://k400-bucket/kinetics/'];
    const source = await loadSource(listing[0] as string, { annotations: [csv], prefix: listing[2] });
    assert.equal(source.layout, 'split-class-tree+annotations');
    assert.ok(source.report.tally.totals.unannotated > 0, 'zumba is in no row');
    const out = tempDir();
    assert.equal(
      await manifestWithoutSource(['slice', ...listing, '--annotations', csv, ...options], join(out, 'l.json')),
      await manifestWithoutSource(['slice', tree, '--annotations', csv, ...options], join(out, 't.json')),
    );
  });
});
