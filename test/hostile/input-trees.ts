import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeTree } from '../helpers/temp.js';

// Small trees and inputs for the input side of the hostile suite. Every clip is a few bytes (empty files
// are never selected) and named by a plain stem, so a row's clip id is its file name without extension.

export const HEADER = 'path,label,label_index,clip_id,youtube_id,time_start,time_end,split';

/** `dir/r/<class>/<name>.mp4` for each class and names. */
export function classTree(dir: string, classes: Record<string, readonly string[]>, root = 'r'): string {
  for (const [label, names] of Object.entries(classes))
    writeTree(dir, Object.fromEntries(names.map(name => [join(root, label, `${name}.mp4`), 3])));
  return join(dir, root);
}

/** The two-class tree most cases start from: c1/a.mp4 and c2/b.mp4. */
export function twoClasses(dir: string): string {
  return classTree(dir, { c1: ['a'], c2: ['b'] });
}

export function link(target: string, path: string): void {
  symlinkSync(target, path);
}

export function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** A file whose name is the given bytes, which need not be UTF-8. */
export function rawName(dir: string, bytes: number[], suffix: string, content: string | null = 'abc'): void {
  const path = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(bytes), Buffer.from(suffix)]);
  if (content === null) mkdirSync(path);
  else writeFileSync(path, content);
}

/** A CSV manifest of `rows` (path, label), written as k400-slice writes it (no sidecar: --root is passed). */
export function csvManifest(file: string, rows: readonly (readonly [string, string])[]): void {
  const lines = rows.map(([path, label]) => `${path},${label},0,${path.replace(/.*\//, '').replace(/\.mp4$/, '')},,,,`);
  writeFileSync(file, `${HEADER}\n${lines.map(line => `${line}\n`).join('')}`);
}

/** A JSONL manifest with one row whose path is `path` (any characters, JSON-escaped). */
export function jsonlManifest(file: string, paths: readonly string[]): void {
  const rows = paths.map(path =>
    JSON.stringify({
      path,
      label: 'c1',
      label_index: 0,
      clip_id: 'x',
      youtube_id: null,
      time_start: null,
      time_end: null,
      split: null,
      size_bytes: null,
    }),
  );
  writeFileSync(file, `${rows.join('\n')}\n`);
}

/** A file of `bytes` bytes that takes no disk (a sparse file). */
export function sparse(path: string, bytes: number): void {
  writeFileSync(path, '');
  truncateSync(path, bytes);
}

/** A text file of one line of `bytes` characters. */
export function longLine(path: string, bytes: number, prefix = ''): void {
  writeFileSync(path, `${prefix}${'x'.repeat(bytes)}\n`);
}

/** Stdout of a CSV manifest of exactly `n` rows. */
export function csvRows(n: number): RegExp {
  return new RegExp(`^${HEADER}\\n(?:[^\\n]*\\n){${n}}$`);
}
