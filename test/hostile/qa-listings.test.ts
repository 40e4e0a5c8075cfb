import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

// A QA pass over listings given as ROOT: each row failed (a wrong or confusing message) before its fix.

const LINE = (size: string, key: string) => `2024-01-02 03:04:05 ${size.padStart(10)} ${key}`;
const AWS = (size: string) =>
  `${[LINE('10', 'k400/a/x_000001_000011.mp4'), LINE(size, 'k400/b/y_000002_000012.mp4')].join('\n')}\n`;
const S3 = ['--prefix', 's3://b/k400/'];
const slice = (dir: string) => ['slice', join(dir, 'ls.txt'), ...S3, '--percent', '50', '-o', join(dir, 'out.csv')];
const listing = (text: string) => (dir: string) => writeFileSync(join(dir, 'ls.txt'), text);

// Manifests sliced from a listing, made once outside the cases' folders, which must not change.
const shared = tempDir();
const SHARED_LS = join(shared, 'ls.txt');
writeFileSync(SHARED_LS, AWS('12'));
const RELATIVE = join(shared, 'rel.csv');
const ABSOLUTE = join(shared, 'abs.csv');
await runMain(['slice', SHARED_LS, ...S3, '--percent', '100', '-o', RELATIVE, '-q']);
await runMain(['slice', SHARED_LS, ...S3, '--percent', '100', '--absolute', '-o', ABSOLUTE, '-q']);

/** `dir/manifest.json`, an S3 Inventory manifest naming one CSV data file by `key`, and that file gzipped. */
const inventory = (key: string, rows: string) => (dir: string) => {
  const files = [{ key }];
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ sourceBucket: 'b', fileFormat: 'CSV', files, fileSchema: 'Bucket, Key, Size' }),
  );
  writeFileSync(join(dir, 'd.csv.gz'), gzipSync(rows));
};
const sliceInventory = (dir: string) => [
  'slice',
  join(dir, 'manifest.json'),
  '--percent',
  '100',
  '-o',
  join(dir, 'out.csv'),
];

const cases: HostileCase[] = [
  {
    name: 'a negative size is no number of bytes, not a rounded one',
    setup: listing(AWS('-5')),
    args: slice,
    exit: 2,
    stderr: /line 2: size '-5' is not a whole number of bytes/,
  },
  {
    name: 'a size past 2^53 is named as too large, not as no number',
    setup: listing(AWS('9007199254740993')),
    args: slice,
    exit: 2,
    stderr: /line 2: size '9007199254740993' is larger than 2\^53 bytes/,
  },
  {
    name: 'a human-readable size is still named as rounded',
    setup: listing(AWS('1.2 KiB')),
    args: slice,
    exit: 2,
    stderr: /line 2: size '1\.2' is rounded: list without --human-readable/,
  },
  {
    name: 'verify of a manifest sliced from a listing: its root is a bucket, named whole',
    args: () => ['verify', RELATIVE],
    exit: 2,
    stderr: /dataset root 's3:\/\/b\/k400\/' is a bucket prefix: verify reads the videos from disk.*--root DIR/,
  },
  {
    name: 'materialize of a manifest sliced from a listing with --absolute builds nothing',
    args: dir => ['materialize', ABSOLUTE, join(dir, 'dest')],
    exit: 2,
    stderr: /dataset root 's3:\/\/b\/k400\/' is a bucket prefix: materialize reads the videos from disk/,
  },
  {
    name: 'an inventory key with %00 is reported, not cut short into another clip',
    setup: inventory('x/d.csv.gz', '"b","k400/a/x%00_000001_000011.mp4","10"\n"b","k400/a/z_000002_000012.mp4","10"\n'),
    args: sliceInventory,
    exit: 0,
    stderr: /warning: a\/x\\0_000001_000011\.mp4: a key with a NUL byte: not read/,
    changes: ['out.csv', 'out.csv.meta.json'],
    after: dir => {
      const paths = readFileSync(join(dir, 'out.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map(r => r.split(',')[0]);
      assert.deepEqual(paths, ['a/z_000002_000012.mp4']);
    },
  },
  {
    name: 'an inventory manifest that names itself as its data file',
    setup: inventory('inv/manifest.json', ''),
    args: sliceInventory,
    exit: 2,
    stderr: /data file key 'inv\/manifest\.json' names the manifest itself/,
  },
  {
    name: 'scan of aws s3 ls text takes the --prefix its hint asks for',
    setup: listing(AWS('12')),
    args: dir => ['scan', join(dir, 'ls.txt'), ...S3, '-q', '-o', join(dir, 'idx.jsonl')],
    exit: 0,
    changes: ['idx.jsonl'],
    after: dir => assert.match(readFileSync(join(dir, 'idx.jsonl'), 'utf8'), /"root":"s3:\/\/b\/k400\/"/),
  },
  {
    name: 'stats of aws s3 ls text takes --prefix',
    setup: listing(AWS('12')),
    args: dir => ['stats', join(dir, 'ls.txt'), ...S3],
    exit: 0,
    stdout: /total \(2 classes\) +2 +0\n/,
  },
  {
    name: 'stats of a gcloud listing reads it as a source, not as a manifest',
    setup: dir => copyFileSync(fixture('listings', 'gcloud-ls.txt'), join(dir, 'ls.txt')),
    args: dir => ['stats', join(dir, 'ls.txt')],
    exit: 0,
    stdout: /total \(9 classes\) +257 +214 +43/,
  },
];

hostileSuite('QA: listings given as ROOT', cases);
