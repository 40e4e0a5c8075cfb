import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';

/** The configuration and snapshot a fixture GCS inventory report's files are named by. */
export const GCS_REPORT = '1a34f2e4-12b4-1c3d-9e8f-0a1b2c3d4e5f_2024-03-05T06-07';

/** Every listing fixture (one bucket in each format), with the --prefix it needs, if any. */
export const LISTING_FIXTURES: readonly { readonly format: string; readonly file: string; readonly prefix?: string }[] =
  [
    { format: 'paths-csv', file: 'paths.csv', prefix: 's3://k400-bucket/kinetics/' },
    { format: 'paths-parquet', file: 'paths.parquet', prefix: 's3://k400-bucket/kinetics/' },
    { format: 'aws-s3-ls', file: 'aws-s3-ls.txt', prefix: 's3://k400-bucket/kinetics/' },
    { format: 'gcloud-ls', file: 'gcloud-ls.txt' },
    { format: 's3-inventory', file: 's3-inventory/2024-03-05T00-00Z/manifest.json' },
    { format: 's3-inventory', file: 's3-inventory-parquet/2024-03-05T00-00Z/manifest.json' },
    { format: 'gcs-inventory', file: 'gcs-inventory.csv' },
    { format: 'gcs-inventory', file: 'gcs-inventory.parquet' },
    { format: 'gcs-inventory', file: `gcs-inventory-shards/${GCS_REPORT}_manifest.json` },
    { format: 'gcs-inventory', file: `gcs-inventory-shards-parquet/${GCS_REPORT}_manifest.json` },
  ];

/** The fixture bucket's keys below its prefix, with sizes, as paths.csv lists them. */
export function fixtureKeys(): [string, number][] {
  const rows = parse(readFileSync(fixture('listings', 'paths.csv'), 'utf8'), { columns: true }) as {
    path: string;
    size: string;
  }[];
  return rows.map(row => [row.path, Number(row.size)]);
}

/**
 * Writes keys as files of their sizes below `root` (a key ending in `/` as an empty folder). The files are sparse:
 * they read as the zeros they would hold and a walk sees the same sizes, but the fixture's 140 MB are not written.
 */
export function writeKeys(root: string, keys: readonly (readonly [string, number])[]): void {
  for (const [key, size] of keys) {
    const full = join(root, key);
    if (key.endsWith('/')) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, '');
      truncateSync(full, size);
    }
  }
}

/** A JSON manifest written by `slice`, without the provenance's fields that say where the source was read. */
export async function manifestWithoutSource(args: readonly string[], output: string): Promise<string> {
  const run = await runMain([...args, '-o', output, '--format', 'json', '-q']);
  if (run.status !== 0) throw new Error(`slice ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  const manifest = JSON.parse(readFileSync(output, 'utf8')) as { provenance: { source: Record<string, unknown> } };
  // Where the source was read: the listing and its prefix, or the folder; and the annotation files' names.
  const { given: _given, root: _root, annotations: _annotations, ...rest } = manifest.provenance.source;
  manifest.provenance.source = rest;
  return JSON.stringify(manifest, null, 2);
}

/** The text listing formats a test can write, each as its tool prints it, of `keys` below `s3://b/<prefix>`. */
export const LISTING_WRITERS: Record<
  string,
  (dir: string, prefix: string, keys: readonly (readonly [string, number])[]) => { file: string; args: string[] }
> = {
  'paths-csv': (dir, prefix, keys) => {
    const quote = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    writeFileSync(join(dir, 'paths.csv'), `path,size\r\n${keys.map(([k, s]) => `${quote(k)},${s}\r\n`).join('')}`);
    return { file: join(dir, 'paths.csv'), args: ['--prefix', `s3://b/${prefix}`] };
  },
  'aws-s3-ls': (dir, prefix, keys) => {
    const lines = keys.map(([k, s]) => `2024-01-02 03:04:05 ${String(s).padStart(10)} ${prefix}${k}\n`);
    writeFileSync(join(dir, 'ls.txt'), `${lines.join('')}\nTotal Objects: ${keys.length}\n   Total Size: 1\n`);
    return { file: join(dir, 'ls.txt'), args: ['--prefix', `s3://b/${prefix}`] };
  },
  'gcloud-ls': (dir, prefix, keys) => {
    const lines = keys.map(([k, s]) => `${String(s).padStart(10)}  2024-01-02T03:04:05Z  gs://b/${prefix}${k}\n`);
    writeFileSync(join(dir, 'gs.txt'), `gs://b/${prefix}:\n${lines.join('')}TOTAL: ${keys.length} objects, 1 bytes\n`);
    return { file: join(dir, 'gs.txt'), args: [] };
  },
  'gcs-inventory': (dir, prefix, keys) => {
    const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const rows = keys.map(([k, s]) => `p,b,${quote(prefix + k)},${s}\n`);
    writeFileSync(join(dir, 'inventory.csv'), `project,bucket,name,size\n${rows.join('')}`);
    return { file: join(dir, 'inventory.csv'), args: ['--prefix', `gs://b/${prefix}`] };
  },
  's3-inventory': (dir, prefix, keys) => {
    const encoded = (key: string): string => encodeURIComponent(key).replaceAll('%20', '+').replaceAll('%2F', '/');
    const rows = keys.map(([k, s]) => `"b","${encoded(prefix + k)}","${s}","STANDARD"\n`);
    const data = gzipSync(rows.join(''));
    writeFileSync(join(dir, 'data.csv.gz'), data);
    const manifest = {
      sourceBucket: 'b',
      fileFormat: 'CSV',
      fileSchema: 'Bucket, Key, Size, StorageClass',
      files: [{ key: 'inv/b/cfg/data/data.csv.gz', size: data.length, MD5checksum: '0' }],
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return { file: join(dir, 'manifest.json'), args: ['--prefix', `s3://b/${prefix}`] };
  },
};
