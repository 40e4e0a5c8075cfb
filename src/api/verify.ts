import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { DatasetError } from '../errors.js';
import { readManifest } from '../manifest/read.js';

export type Finding =
  | { readonly kind: 'outside-root'; readonly row: number; readonly path: string }
  | { readonly kind: 'missing'; readonly row: number; readonly path: string }
  | { readonly kind: 'empty'; readonly row: number; readonly path: string }
  | { readonly kind: 'not-a-file'; readonly row: number; readonly path: string }
  | {
      readonly kind: 'changed';
      readonly row: number;
      readonly path: string;
      readonly expected: number;
      readonly actual: number;
    };

export interface Verification {
  readonly manifest: string;
  readonly root: string;
  readonly rows: number;
  readonly findings: Finding[];
}

/**
 * Checks every row of a manifest against the files: present, a file, not empty, and the size the manifest
 * recorded (JSON and JSONL manifests record it). A path that is absolute or climbs out of the root with
 * `..` is never opened: it is a finding of its own.
 */
export function verifyManifest(
  file: string,
  rootOption: string | undefined,
  onProgress?: (rowsDone: number, rows: number) => void,
): Verification {
  const manifest = readManifest(file);
  const root = rootOption ?? manifest.provenance?.source.given;
  if (root === undefined) throw new DatasetError(`manifest ${file} records no dataset root`, 'pass --root DIR');
  const base = resolve(root);
  if (!statSync(base, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DatasetError(
      `dataset root '${root}' ${rootOption === undefined ? '(from the provenance) ' : ''}is not a folder here`,
      'pass --root DIR where the dataset is',
    );
  }
  const findings: Finding[] = [];
  manifest.clips.forEach((clip, i) => {
    onProgress?.(i, manifest.clips.length);
    const row = i + 1;
    const path = clip.path;
    const full = pathInside(base, path);
    if (full === null) {
      findings.push({ kind: 'outside-root', row, path });
      return;
    }
    const stats = statSync(full, { throwIfNoEntry: false });
    if (stats === undefined) findings.push({ kind: 'missing', row, path });
    else if (!stats.isFile()) findings.push({ kind: 'not-a-file', row, path });
    else if (stats.size === 0) findings.push({ kind: 'empty', row, path });
    else if (clip.size_bytes !== null && clip.size_bytes !== stats.size)
      findings.push({ kind: 'changed', row, path, expected: clip.size_bytes, actual: stats.size });
  });
  return { manifest: file, root, rows: manifest.clips.length, findings };
}

/**
 * The absolute path of a manifest's relative `path` below `base`, or null when it is absolute or climbs out
 * with `..`: such a path is never opened.
 */
export function pathInside(base: string, path: string): string | null {
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.split(/[\\/]/).includes('..')) return null;
  const full = resolve(base, path);
  return full.startsWith(base.endsWith(sep) ? base : base + sep) ? full : null;
}

export function describeFinding(finding: Finding): string {
  const where = `row ${finding.row}: ${finding.path}`;
  switch (finding.kind) {
    case 'outside-root':
      return `outside the root, not opened: ${where}`;
    case 'missing':
      return `missing: ${where}`;
    case 'empty':
      return `empty: ${where}`;
    case 'not-a-file':
      return `not a file: ${where}`;
    case 'changed':
      return `changed: ${where} (${finding.actual} bytes, the manifest says ${finding.expected})`;
  }
}
