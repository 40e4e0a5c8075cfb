import { copyFileSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';
import { fixture } from '../helpers/paths.js';
import { GCS_REPORT } from '../listing/listing-helpers.js';

// Inventories in several files (issue 12): a report is read whole or not at all. A shard or data file
// missing, one of another report or schema, one cut short, or counts that disagree are one error line.

const MANIFEST = `${GCS_REPORT}_manifest.json`;
const shard = (i: number): string => `${GCS_REPORT}_${i}.csv`;

/** The fixture GCS report (three CSV shards and the manifest) copied into `dir`. */
const gcsReport = (dir: string): void => {
  for (const name of readdirSync(fixture('listings', 'gcs-inventory-shards')))
    copyFileSync(fixture('listings', 'gcs-inventory-shards', name), join(dir, name));
};
/** The fixture report with its manifest changed. */
const gcsReportWith =
  (change: (manifest: Record<string, unknown>) => void) =>
  (dir: string): void => {
    gcsReport(dir);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Record<string, unknown>;
    change(manifest);
    writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest));
  };
const slice = (dir: string, name: string) => ['slice', join(dir, name), '--percent', '50', '-o', join(dir, 'out.csv')];

const ROWS = (from: number) =>
  Array.from({ length: 4 }, (_, i) => `"b","k400/c${i % 2}/x${from + i}_000001_000011.mp4","${10 + i}"\n`).join('');
/** An S3 inventory of two gzip data files beside its manifest; `sizes` as the manifest gives them. */
const s3Inventory = (dir: string, data: Buffer[], sizes: (number | undefined)[]): void => {
  data.forEach((bytes, i) => writeFileSync(join(dir, `d${i}.csv.gz`), bytes));
  const files = sizes.map((size, i) => ({
    key: `inv/b/cfg/data/d${i}.csv.gz`,
    ...(size === undefined ? {} : { size }),
  }));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ sourceBucket: 'b', fileFormat: 'CSV', fileSchema: 'Bucket, Key, Size', files }),
  );
};

const cases: HostileCase[] = [
  {
    name: 'a GCS report with a shard not downloaded',
    setup: dir => {
      gcsReport(dir);
      unlinkSync(join(dir, shard(1)));
    },
    args: dir => slice(dir, MANIFEST),
    exit: 2,
    stderr: /its shard .*_1\.csv is not beside it: download every shard/,
  },
  {
    name: 'a GCS report with a shard of another schema',
    setup: dir => {
      gcsReport(dir);
      const text = readFileSync(join(dir, shard(2)), 'utf8').replace(
        'bucket,name,size,storageClass',
        'bucket,name,size,etag',
      );
      writeFileSync(join(dir, shard(2)), text.replaceAll(',STANDARD', ',abc'));
    },
    args: dir => slice(dir, MANIFEST),
    exit: 2,
    stderr: /_2\.csv: its columns \(bucket,name,size,etag\) are not those of .*_0\.csv/,
  },
  {
    name: 'a GCS report with a shard cut short (fewer rows than the manifest counts)',
    setup: dir => {
      gcsReport(dir);
      const lines = readFileSync(join(dir, shard(0)), 'utf8').split('\n');
      writeFileSync(join(dir, shard(0)), `${lines.slice(0, lines.length - 6).join('\n')}\n`);
    },
    args: dir => slice(dir, MANIFEST),
    exit: 2,
    stderr: /its records_processed is \d+ but its shards hold \d+ rows/,
  },
  {
    name: 'a GCS report whose shard_count disagrees with the shards it names',
    setup: gcsReportWith(manifest => {
      manifest.shard_count = 4;
    }),
    args: dir => slice(dir, MANIFEST),
    exit: 2,
    stderr: /its shard_count is 4 but it names 3 shards/,
  },
  {
    name: 'a GCS report naming a shard outside its folder',
    setup: gcsReportWith(manifest => {
      manifest.report_shards_file_names = ['../elsewhere.csv'];
      manifest.shard_count = 1;
    }),
    args: dir => slice(dir, MANIFEST),
    exit: 2,
    stderr: /shard name '\.\.\/elsewhere\.csv' is not a file name/,
  },
  {
    name: 'one shard of several given alone',
    setup: gcsReport,
    args: dir => slice(dir, shard(1)),
    exit: 2,
    stderr: /one of 3 shards of a report whose manifest is .*_manifest\.json: give the manifest/,
  },
  {
    name: 'an S3 inventory whose second data file was not downloaded',
    setup: dir => {
      s3Inventory(dir, [gzipSync(ROWS(0)), gzipSync(ROWS(4))], [undefined, undefined]);
      unlinkSync(join(dir, 'd1.csv.gz'));
    },
    args: dir => slice(dir, 'manifest.json'),
    exit: 2,
    stderr: /its data file d1\.csv\.gz is not beside it/,
  },
  {
    name: 'an S3 inventory data file shorter than its manifest says (a download cut short)',
    setup: dir => {
      const second = gzipSync(ROWS(4));
      s3Inventory(dir, [gzipSync(ROWS(0)), second.subarray(0, 20)], [undefined, second.length]);
    },
    args: dir => slice(dir, 'manifest.json'),
    exit: 2,
    stderr: /d1\.csv\.gz: 20 bytes, but the manifest says \d+: download it again, whole/,
  },
  {
    name: 'an S3 inventory data file that is a truncated gzip stream',
    setup: dir => {
      const second = gzipSync(ROWS(4).repeat(30));
      s3Inventory(dir, [gzipSync(ROWS(0)), second.subarray(0, second.length - 10)], [undefined, undefined]);
    },
    args: dir => slice(dir, 'manifest.json'),
    exit: 2,
    stderr: /d1\.csv\.gz: not a whole gzip file/,
  },
  {
    name: 'a listing line longer than 16 MiB',
    setup: dir => writeFileSync(join(dir, 'p.csv'), `path,size\n${'a'.repeat(17 * 1024 * 1024)},1\n`),
    args: dir => [...slice(dir, 'p.csv'), '--prefix', 's3://b/k/'],
    exit: 2,
    stderr: /p\.csv line 2: a line longer than 16 MiB/,
  },
];

hostileSuite('inventories in several files', cases);
