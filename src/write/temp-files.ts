import { randomBytes } from 'node:crypto';
import { rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CommitFs } from './commit-fs.js';

// A temporary file is `.<name>.k400-slice-<12 hex>.tmp` beside its output, a backup of the file it replaces
// `.<name>.k400-slice-<12 hex>.old`: recognisable, so one left by a killed run is removed by the next run that
// writes that output, and nothing else is ever touched.
const MARK = '.k400-slice-';
const LEFTOVER = /^[0-9a-f]{12}\.(tmp|old)$/;

/** A long name keeps its first 100 characters, so that the temporary name still fits in 255 bytes. */
function stem(path: string): string {
  const name = basename(path);
  return `.${Buffer.byteLength(name) > 200 ? name.slice(0, 100) : name}${MARK}`;
}

export function tempName(path: string, kind: 'tmp' | 'old'): string {
  return join(dirname(path), `${stem(path)}${randomBytes(6).toString('hex')}.${kind}`);
}

/** Removes what a killed run left beside `path`: only files named as this module names them. */
export function removeLeftovers(fs: CommitFs, path: string): void {
  const prefix = stem(path);
  let names: string[];
  try {
    names = fs.readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !LEFTOVER.test(name.slice(prefix.length))) continue;
    try {
      fs.unlinkSync(join(dirname(path), name));
    } catch {
      // gone already, or not ours to remove: the commit goes on
    }
  }
}

// Files and folders a commit has made but not yet committed. A signal that arrives while a commit stages its
// files (the only asynchronous stretch of it) removes them before the process exits.
const staged = new Set<string>();
const madeFolders: string[] = [];
// Scratch folders of the tool's own, removed with all they hold: DuckDB's spill folder in the temp folder.
const scratch = new Set<string>();

export const stagedFiles = {
  addFile: (path: string): void => void staged.add(path),
  dropFile: (path: string): void => void staged.delete(path),
  addFolder: (path: string): void => void madeFolders.push(path),
  dropFolder: (path: string): void => {
    const at = madeFolders.lastIndexOf(path);
    if (at >= 0) madeFolders.splice(at, 1);
  },
  addScratch: (path: string): void => void scratch.add(path),
  dropScratch: (path: string): void => void scratch.delete(path),
};

/**
 * Removes every staged temporary file, the folders made for them and the scratch folders: for the signal handler
 * in `cli.ts`.
 */
export function abandonStaged(): void {
  for (const path of staged) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  staged.clear();
  for (const folder of scratch) rmSync(folder, { recursive: true, force: true });
  scratch.clear();
  for (const folder of madeFolders.splice(0).reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // not empty, or gone: leave it
    }
  }
}
