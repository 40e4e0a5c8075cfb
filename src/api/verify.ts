import type { Stats } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { DatasetError } from '../errors.js';
import { refuseBucketRoot } from '../manifest/bucket-root.js';
import { manifestRoot, readManifestFile } from '../manifest/read.js';
import { describeFsError, statPath } from '../scan/folder-fs.js';

export type Finding =
  | { readonly kind: 'outside-root'; readonly row: number; readonly path: string }
  | { readonly kind: 'missing'; readonly row: number; readonly path: string }
  | { readonly kind: 'empty'; readonly row: number; readonly path: string }
  | { readonly kind: 'not-a-file'; readonly row: number; readonly path: string }
  | { readonly kind: 'unreadable'; readonly row: number; readonly path: string; readonly reason: string }
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
 * `..` is never opened: it is a finding of its own. An index (JSONL or Parquet) is checked as a manifest of
 * every clip it offers.
 */
export async function verifyManifest(
  file: string,
  rootOption: string | undefined,
  onProgress?: (rowsDone: number, rows: number) => void,
): Promise<Verification> {
  const manifest = await readManifestFile(file);
  const root = manifestRoot(manifest, rootOption);
  if (root === undefined) throw new DatasetError(`manifest ${file} records no dataset root`, 'pass --root DIR');
  refuseBucketRoot(root, 'verify');
  const base = resolve(root);
  if (!isFolder(base)) {
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
    let stats: Stats | undefined;
    try {
      stats = statPath(full);
    } catch (error) {
      // ELOOP, EACCES, EIO, ENAMETOOLONG, a NUL byte: this row's problem, never the end of the check.
      findings.push({ kind: 'unreadable', row, path, reason: describeFsError(error) });
      return;
    }
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
  const where = `row ${finding.row}: ${printable(finding.path)}`;
  switch (finding.kind) {
    case 'outside-root':
      return `outside the root, not opened: ${where}`;
    case 'missing':
      return `missing: ${where}`;
    case 'empty':
      return `empty: ${where}`;
    case 'not-a-file':
      return `not a file: ${where}`;
    case 'unreadable':
      return `cannot be read (${finding.reason}): ${where}`;
    case 'changed':
      return `changed: ${where} (${finding.actual} bytes, the manifest says ${finding.expected})`;
  }
}

/** Whether a dataset root is a folder; a root that cannot be stat-ed (a NUL byte, ELOOP) is not. */
export function isFolder(path: string): boolean {
  try {
    return statPath(path)?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** A path on one line: control characters (a newline in a file name) as JSON escapes, so a finding is a line. */
function printable(path: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
  return path.replace(/[\u0000-\u001f\u007f]/g, c => JSON.stringify(c).slice(1, -1));
}
