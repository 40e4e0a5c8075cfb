import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';
import { fixture } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';

// Listings given as ROOT (issue 12, item 2): a listing that cannot be read, or options it cannot honour,
// are one error line and exit 2, and nothing is written.

const LINE = (size: number, key: string) => `2024-01-02 03:04:05 ${String(size).padStart(10)} ${key}`;
const AWS = [LINE(10, 'k400/a/x_000001_000011.mp4'), LINE(12, 'k400/b/y_000002_000012.mp4')].join('\n');
/** `dir/ls.txt` holding `text`. */
const listing =
  (text: string | Buffer, name = 'ls.txt') =>
  (dir: string): void =>
    writeFileSync(join(dir, name), text);
const slice = (dir: string, name = 'ls.txt', ...more: string[]) => [
  'slice',
  join(dir, name),
  '--percent',
  '50',
  '-o',
  join(dir, 'out.csv'),
  ...more,
];
const S3 = ['--prefix', 's3://b/k400/'];

const inventory = (dir: string, manifest: Record<string, unknown>, data?: Buffer): void => {
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      sourceBucket: 'b',
      fileFormat: 'CSV',
      fileSchema: 'Bucket, Key, Size',
      files: [{ key: 'inv/data/d.csv.gz' }],
      ...manifest,
    }),
  );
  if (data !== undefined) writeFileSync(join(dir, 'd.csv.gz'), data);
};

const cases: HostileCase[] = [
  {
    name: 'aws s3 ls text without --prefix: its bucket is not in it',
    setup: listing(AWS),
    args: dir => slice(dir),
    exit: 2,
    stderr: /does not name its bucket.*--prefix s3:\/\/BUCKET/,
  },
  {
    name: '--prefix that is not an s3:// or gs:// URI',
    setup: listing(AWS),
    args: dir => slice(dir, 'ls.txt', '--prefix', 'k400/'),
    exit: 2,
    stderr: /--prefix must be an s3:\/\/ or gs:\/\/ URI: .*got 'k400\/'/,
  },
  {
    // Refused before the listing is read: a listing of millions of keys took seconds to read first.
    name: '--prefix that is not a URI, with a listing that cannot be read',
    setup: listing(Buffer.from([0xff, 0xfe, 0x00, 0x01])),
    args: dir => slice(dir, 'ls.txt', '--prefix', 's3:///'),
    exit: 2,
    stderr: /--prefix must be an s3:\/\/ or gs:\/\/ URI: .*got 's3:\/\/\/'/,
  },
  ...[
    ['a bucket no store allows', 's3://b:x/k400/'],
    ['a line break at its end', 's3://b/k400/\n'],
    ['a bucket of non-ASCII letters', 'gs://ü/k400/'],
  ].map(([what, prefix]) => ({
    name: `--prefix with ${what}`,
    setup: listing(AWS),
    args: (dir: string) => slice(dir, 'ls.txt', '--prefix', prefix as string),
    exit: 2,
    stderr: /--prefix must be an s3:\/\/ or gs:\/\/ URI: a bucket of/,
  })),
  {
    // One error line: the URI check stays quiet about an empty value, which `text` refuses in its own words.
    name: 'an empty --prefix',
    setup: listing(AWS),
    args: dir => slice(dir, 'ls.txt', '--prefix', ''),
    exit: 2,
    stderr: /--prefix: must not be empty/,
  },
  {
    name: '--prefix in another bucket than the listing names',
    setup: dir => copyFileSync(fixture('listings', 'gcloud-ls.txt'), join(dir, 'ls.txt')),
    args: dir => slice(dir, 'ls.txt', '--prefix', 'gs://other/kinetics/'),
    exit: 2,
    stderr: /is of gs:\/\/k400-bucket, not gs:\/\/other/,
  },
  {
    name: '--prefix with a folder as ROOT',
    setup: dir => writeTree(dir, { 'r/a/x.mp4': 3 }),
    args: dir => slice(dir, 'r', ...S3),
    exit: 2,
    stderr: /--prefix: .* is read as class-tree, not a listing of a bucket/,
  },
  {
    name: '--prefix with no ROOT (annotations alone)',
    setup: dir => writeTree(dir, { 'a.csv': 'label,youtube_id,time_start,time_end,split\nx,aaaaaaaaaaa,1,11,train\n' }),
    args: dir => ['slice', '--annotations', join(dir, 'a.csv'), ...S3, '-o', join(dir, 'out.csv')],
    exit: 2,
    stderr: /--prefix/,
  },
  {
    name: 'a cut-off gzip listing',
    setup: listing(gzipSync(AWS.repeat(20)).subarray(0, 40), 'ls.txt.gz'),
    args: dir => slice(dir, 'ls.txt.gz', ...S3),
    exit: 2,
    stderr: /ls\.txt\.gz: not a whole gzip file/,
  },
  {
    name: 'a line that is not aws s3 ls output, named by number',
    setup: listing(`${AWS}\nsomething else\n`),
    args: dir => slice(dir, 'ls.txt', ...S3),
    exit: 2,
    stderr: /ls\.txt line 3: not a line of aws s3 ls/,
  },
  {
    name: 'a listing whose total disagrees with its lines (a cut-off copy)',
    setup: listing(`${AWS}\n\nTotal Objects: 5\n   Total Size: 22\n`),
    args: dir => slice(dir, 'ls.txt', ...S3),
    exit: 2,
    stderr: /says 5 objects but 2 are listed/,
  },
  {
    name: 'a path,size listing with a size that is no number',
    setup: listing('path,size\na/x.mp4,12\nb/y.mp4,twelve\n', 'p.csv'),
    args: dir => slice(dir, 'p.csv', ...S3),
    exit: 2,
    stderr: /p\.csv line 3: size 'twelve'/,
  },
  {
    name: 'an ORC inventory',
    setup: dir => inventory(dir, { fileFormat: 'ORC' }),
    args: dir => slice(dir, 'manifest.json'),
    exit: 2,
    stderr: /an ORC inventory, which is not read/,
  },
  {
    name: 'an inventory whose data file was not downloaded',
    setup: dir => inventory(dir, {}),
    args: dir => slice(dir, 'manifest.json'),
    exit: 2,
    stderr: /its data file d\.csv\.gz is not beside it/,
  },
  {
    name: 'an inventory with a key that is not URL-encoded UTF-8',
    setup: dir => inventory(dir, {}, gzipSync('"b","k400/a/%E0%A4%A.mp4","3"\n')),
    args: dir => slice(dir, 'manifest.json'),
    exit: 2,
    stderr: /not URL-encoded UTF-8/,
  },
  {
    name: 'a listing with no videos below its prefix',
    setup: listing(AWS),
    args: dir => slice(dir, 'ls.txt', '--prefix', 's3://b/elsewhere/'),
    exit: 2,
    stderr: /no videos found below s3:\/\/b\/elsewhere\/ in the listing/,
  },
  {
    name: 'a CVDF listing without --annotations: its labels are in the bucket',
    setup: listing([LINE(1, 'k/annotations/train.csv'), LINE(5, 'k/train/aaaaaaaaaaa_000001_000011.mp4')].join('\n')),
    args: dir => slice(dir, 'ls.txt', '--prefix', 's3://b/k/'),
    exit: 2,
    stderr: /a CVDF download.*annotations\/ \(train\.csv\).*--annotations/,
  },
  {
    name: '--probe with a listing: no video is here to probe',
    setup: listing(AWS),
    args: dir => slice(dir, 'ls.txt', ...S3, '--probe'),
    exit: 2,
    stderr: /--probe: .* is a listing/,
  },
  {
    name: '--split that the listing does not have',
    setup: listing([LINE(3, 'k400/train/a/x.mp4'), LINE(4, 'k400/val/a/y.mp4')].join('\n')),
    args: dir => slice(dir, 'ls.txt', ...S3, '--split', 'test'),
    exit: 2,
    stderr: /--split test: no such split folder/,
  },
  {
    name: 'the listing named as the output',
    setup: listing(AWS),
    args: dir => ['slice', join(dir, 'ls.txt'), ...S3, '--percent', '50', '-o', join(dir, 'ls.txt'), '--format', 'csv'],
    exit: 2,
    stderr: /is the source/,
  },
  {
    name: 'an inventory data file in Parquet, named alone, with --prefix in another bucket',
    setup: dir =>
      copyFileSync(
        fixture('listings', 's3-inventory-parquet', '2024-03-05T00-00Z', '4c1d2e3f.parquet'),
        join(dir, 'x.parquet'),
      ),
    args: dir => slice(dir, 'x.parquet', '--prefix', 'gs://k400-bucket/kinetics/'),
    exit: 2,
    stderr: /is of s3:\/\/k400-bucket, not gs:\/\/k400-bucket/,
  },
];

hostileSuite('listings given as ROOT', cases);
