import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from './in-process.js';

/**
 * Slices that exercise every strategy, --split, --splits, --shards, --shuffle and the label options; `{out}`
 * is replaced by a folder of the caller's. What the index and engine tests run on both fixtures.
 */
export const SLICE_MATRIX: readonly (readonly string[])[] = [
  ['--format', 'json'],
  ['--percent', '30', '--seed', 'a', '--format', 'json'],
  ['--percent', '12.5', '--min-per-class', '0', '--format', 'json'],
  ['--per-class', '2', '--format', 'json'],
  ['--count', '9', '--format', 'json'],
  ['--count', '9', '--stratified', '--shuffle'],
  ['--count', '500', '--allow-fewer', '--format', 'jsonl', '-o', '{out}/all.jsonl'],
  ['--split', 'val', '--per-class', '1', '--format', 'json'],
  ['--percent', '60', '--splits', 'train=80,val=20', '-o', '{out}/m-{split}.csv'],
  ['--count', '20', '--stratified', '--shards', '3', '--seed', 'x', '-o', '{out}/s-{shard}.json'],
  ['--exclude-classes', 'abseiling', '--relabel', '--label-style', 'underscore', '--shuffle', '--format', 'json'],
];

/** Runs a slice of `source` with `options`, writing into `out`; the manifests written or printed, by name. */
export async function sliceOutputs(
  source: string,
  options: readonly string[],
  out: string,
  extra: readonly string[] = [],
): Promise<{ status: number; stderr: string; files: Record<string, string> }> {
  const args = options.map(a => a.replace('{out}', out));
  const run = await runMain(['slice', source, ...args, ...extra, '-q']);
  const files: Record<string, string> = { stdout: run.stdout };
  for (const name of readdirSync(out).sort()) files[name] = readFileSync(join(out, name), 'utf8');
  return { status: run.status, stderr: run.stderr, files };
}
