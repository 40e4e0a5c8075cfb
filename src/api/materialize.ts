import {
  constants,
  copyFileSync,
  linkSync,
  mkdirSync,
  readlinkSync,
  realpathSync,
  type Stats,
  statSync,
  symlinkSync,
} from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { DatasetError } from '../errors.js';
import { refuseBucketRoot } from '../manifest/bucket-root.js';
import { manifestRoot, readManifest } from '../manifest/read.js';
import { describeFsError, injectedFailure, lstatPath, statPath } from '../scan/folder-fs.js';
import { filesNotIn, prune, sameBytes, Undo } from './materialize-undo.js';
import { isFolder, pathInside } from './verify.js';

export const LINK_KINDS = ['symlink', 'hardlink', 'copy'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface Materialized {
  readonly dest: string;
  readonly created: number;
  readonly replaced: number;
  readonly unchanged: number;
  /** Files (and links) in DEST that the manifest does not hold, found before building. */
  readonly extra: number;
  /** How many of them `prune` removed. */
  readonly pruned: number;
}

interface Planned {
  readonly source: string;
  readonly target: string;
  readonly row: number;
  readonly path: string;
}

// A clip without a label still needs a class folder for folder-reading tools.
const UNLABELLED = '_unlabelled';

/**
 * Builds `DEST/[<split>/]<label>/<file>` from a manifest, for tools that read class folders (torchvision's
 * Kinetics, mmaction2). Everything is checked before anything is made: a path leading outside the root, a
 * label or split that is not a plain folder name, two rows wanting one file, or an existing different file
 * (without `force`) stops the run with nothing written. Files already in place are left alone.
 */
export function materialize(
  manifestFile: string,
  dest: string,
  options: {
    root?: string | undefined;
    link: LinkKind;
    force: boolean;
    prune?: boolean | undefined;
    onProgress?: ((linksDone: number, links: number) => void) | undefined;
  },
): Materialized {
  const destStats = safeStat(dest);
  if (destStats !== undefined && !destStats.isDirectory())
    throw new DatasetError(
      `DEST '${dest}' is a file, not a folder`,
      'give a folder to build in; it is made if missing',
    );
  const manifest = readManifest(manifestFile);
  const root = manifestRoot(manifest, options.root);
  if (root === undefined) throw new DatasetError(`manifest ${manifestFile} records no dataset root`, 'pass --root DIR');
  refuseBucketRoot(root, 'materialize');
  const base = resolve(root);
  if (!isFolder(base))
    throw new DatasetError(`dataset root '${root}' is not a folder here`, 'pass --root DIR where the dataset is');
  const targets = new Map<string, string>();
  const plan: Planned[] = manifest.clips.map((clip, i) => {
    const row = i + 1;
    const source = pathInside(base, clip.path);
    if (source === null)
      throw new DatasetError(
        `manifest ${manifestFile}: row ${row}: '${clip.path}' leads outside the root`,
        'refusing to link it; fix the manifest',
      );
    const folders = [...(clip.split === null ? [] : [clip.split]), clip.label ?? UNLABELLED];
    for (const name of folders) {
      if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name))
        throw new DatasetError(
          `manifest ${manifestFile}: row ${row}: '${name}' is not a folder name`,
          'fix the label or split of that row',
        );
    }
    const target = join(dest, ...folders, basename(clip.path));
    const other = targets.get(target);
    if (other !== undefined)
      throw new DatasetError(
        `manifest ${manifestFile}: rows ${other} and ${row} both go to ${target}`,
        'two clips of one class share a file name',
      );
    targets.set(target, String(row));
    return { source, target, row, path: clip.path };
  });
  checkSources(manifestFile, plan, options.link);
  assertFoldersUsable(dest, [...new Set(plan.map(({ target }) => join(target, '..')))]);
  const existing = plan.map(({ source, target }) => ({ source, target, state: stateOf(source, target, options.link) }));
  const clash = existing.find(e => e.state === 'different');
  if (clash !== undefined && !options.force)
    throw new DatasetError(
      `${clash.target} exists and is not ${describe(options.link, clash.source)}`,
      'pass --force to replace such files, or choose an empty DEST',
    );
  const extra = filesNotIn(dest, new Set(plan.map(({ target }) => target)));
  const undo = new Undo();
  try {
    let done = 0;
    for (const { source, target, state } of existing) {
      options.onProgress?.(done, existing.length);
      done += 1;
      if (state === 'same') continue;
      undo.madeFolder(mkdirSync(join(target, '..'), { recursive: true }));
      if (state === 'different') undo.setAside(target);
      place(source, target, options.link, dest);
      undo.madeFile(target);
    }
  } catch (error) {
    undo.rollBack();
    throw error;
  }
  undo.commit();
  const pruned = options.prune === true ? prune(dest, extra) : 0;
  const count = (state: string): number => existing.filter(e => e.state === state).length;
  return {
    dest,
    created: count('absent'),
    replaced: count('different'),
    unchanged: count('same'),
    extra: extra.length,
    pruned,
  };
}

function place(source: string, target: string, link: LinkKind, dest: string): void {
  try {
    injectedFailure(target, 'materialize');
    if (link === 'symlink') symlinkSync(source, target);
    else if (link === 'hardlink') linkSync(source, target);
    else copyFileSync(source, target, constants.COPYFILE_EXCL);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EXDEV')
      throw new DatasetError(
        `cannot hard-link ${source} into ${dest}: another filesystem`,
        'use --link symlink or --link copy',
      );
    throw new DatasetError(
      `cannot make ${target}: ${describeFsError(error)}; nothing was left in DEST`,
      'check DEST, its free space and its permissions',
    );
  }
}

/**
 * Every source must be a regular file before anything is made: a missing one, a link that loops, a path
 * through a file or one holding a NUL byte stops the run with nothing written. The error names the first.
 */
function checkSources(manifestFile: string, plan: readonly Planned[], link: LinkKind): void {
  const bad: string[] = [];
  for (const { source, row, path } of plan) {
    let problem: string | null = null;
    try {
      const stats = statPath(source);
      if (stats === undefined) problem = 'does not exist';
      else if (!stats.isFile()) problem = 'is not a regular file';
    } catch (error) {
      problem = describeFsError(error);
    }
    if (problem !== null) bad.push(`row ${row}: '${path}' ${problem}`);
  }
  if (bad.length > 0)
    throw new DatasetError(
      `manifest ${manifestFile}: ${bad[0]}${bad.length > 1 ? ` (and ${bad.length - 1} more rows)` : ''}; nothing made`,
      link === 'symlink'
        ? 'a link to a missing file would dangle: check --root'
        : 'check --root, or verify the manifest',
    );
}

/**
 * The folders of the targets must be folders inside DEST, or not exist yet: a folder in DEST that is a link to
 * elsewhere would carry writes out of DEST, and a file where a folder must go would stop the run half-way.
 */
function assertFoldersUsable(dest: string, folders: readonly string[]): void {
  const real = safeStat(dest) === undefined ? null : realpathSync(dest);
  if (real === null) return;
  for (const folder of folders) {
    let existing = folder;
    let stats = safeStat(existing);
    while (stats === undefined && existing !== dest) {
      existing = join(existing, '..');
      stats = safeStat(existing);
    }
    if (stats !== undefined && !stats.isDirectory())
      throw new DatasetError(
        `${existing} is in the way: a file where a folder must go`,
        'remove it, or choose another DEST',
      );
    const resolved = realpathSync(existing);
    if (resolved !== real && !resolved.startsWith(real + sep))
      throw new DatasetError(`${existing} leads outside ${dest}`, 'remove that link from DEST, or choose another DEST');
  }
}

/** A `stat` in DEST: a link that loops or a failed disk is an error naming the path, never a crash. */
function safeStat(path: string): Stats | undefined {
  try {
    return statPath(path);
  } catch (error) {
    throw new DatasetError(`${path}: ${describeFsError(error)}`, 'fix or remove it in DEST');
  }
}

function describe(link: LinkKind, source: string): string {
  if (link === 'symlink') return `a link to ${source}`;
  return link === 'hardlink' ? `a hard link of ${source}` : `a copy of ${source}`;
}

/** Whether a target is absent, already what it should be, or something else (a folder there is an error). */
function stateOf(source: string, target: string, link: LinkKind): 'absent' | 'same' | 'different' {
  let stats: Stats | undefined;
  try {
    stats = lstatPath(target);
  } catch (error) {
    throw new DatasetError(`${target}: ${describeFsError(error)}`, 'fix or remove it in DEST');
  }
  if (stats === undefined) return 'absent';
  if (stats.isDirectory())
    throw new DatasetError(`${target} is a folder where a clip must go`, 'remove it, or choose another DEST');
  if (link === 'symlink') return stats.isSymbolicLink() && readlinkSync(target) === source ? 'same' : 'different';
  const wanted = statSync(source);
  if (link === 'hardlink')
    return stats.isFile() && stats.ino === wanted.ino && stats.dev === wanted.dev ? 'same' : 'different';
  return stats.isFile() && stats.size === wanted.size && sameBytes(target, source) ? 'same' : 'different';
}
