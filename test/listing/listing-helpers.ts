import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';

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
  ];

/** The fixture bucket's keys below its prefix, with sizes, as paths.csv lists them. */
export function fixtureKeys(): [string, number][] {
  const rows = parse(readFileSync(fixture('listings', 'paths.csv'), 'utf8'), { columns: true }) as {
    path: string;
    size: string;
  }[];
  return rows.map(row => [row.path, Number(row.size)]);
}

/** Writes keys as files of their sizes below `root` (a key ending in `/` as an empty folder). */
export function writeKeys(root: string, keys: readonly (readonly [string, number])[]): void {
  for (const [key, size] of keys) {
    const full = join(root, key);
    if (key.endsWith('/')) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, Buffer.alloc(size));
    }
  }
}

/** A JSON manifest written by `slice`, with the provenance's source fields (where it was read) taken out. */
export async function manifestWithoutSource(args: readonly string[], output: string): Promise<string> {
  const run = await runMain([...args, '-o', output, '--format', 'json', '-q']);
  if (run.status !== 0) throw new Error(`slice ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  const manifest = JSON.parse(readFileSync(output, 'utf8')) as { provenance: { source: Record<string, unknown> } };
  const { given: _given, root: _root, ...rest } = manifest.provenance.source;
  manifest.provenance.source = rest;
  return JSON.stringify(manifest, null, 2);
}
