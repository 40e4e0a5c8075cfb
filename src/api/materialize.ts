import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { DatasetError } from '../errors.js';
import { readManifest } from '../manifest/read.js';
import { describeFsError } from '../scan/folder-scan.js';
import { pathInside } from './verify.js';

export const LINK_KINDS = ['symlink', 'hardlink', 'copy'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface Materialized {
  readonly dest: string;
  readonly created: number;
  readonly replaced: number;
  readonly unchanged: number;
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
    onProgress?: ((linksDone: number, links: number) => void) | undefined;
  },
): Materialized {
  const destStats = statSync(dest, { throwIfNoEntry: false });
  if (destStats !== undefined && !destStats.isDirectory())
    throw new DatasetError(
      `DEST '${dest}' is a file, not a folder`,
      'give a folder to build in; it is made if missing',
    );
  const manifest = readManifest(manifestFile);
  const root = options.root ?? manifest.provenance?.source.given;
  if (root === undefined) throw new DatasetError(`manifest ${manifestFile} records no dataset root`, 'pass --root DIR');
  const base = resolve(root);
  if (!statSync(base, { throwIfNoEntry: false })?.isDirectory())
    throw new DatasetError(`dataset root '${root}' is not a folder here`, 'pass --root DIR where the dataset is');
  const targets = new Map<string, string>();
  const plan = manifest.clips.map((clip, i) => {
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
    return { source, target };
  });
  assertStaysInside(dest, [...new Set(plan.map(({ target }) => join(target, '..')))]);
  let created = 0;
  let replaced = 0;
  let unchanged = 0;
  const existing = plan.map(({ source, target }) => ({ source, target, state: stateOf(source, target, options.link) }));
  const clash = existing.find(e => e.state === 'different');
  if (clash !== undefined && !options.force)
    throw new DatasetError(
      `${clash.target} exists and is not ${describe(options.link, clash.source)}`,
      'pass --force to replace such files, or choose an empty DEST',
    );
  let done = 0;
  for (const { source, target, state } of existing) {
    options.onProgress?.(done, existing.length);
    done += 1;
    if (state === 'same') {
      unchanged += 1;
      continue;
    }
    mkdirSync(join(target, '..'), { recursive: true });
    if (state === 'different') {
      rmSync(target, { force: true });
      replaced += 1;
    } else {
      created += 1;
    }
    try {
      if (options.link === 'symlink') symlinkSync(source, target);
      else if (options.link === 'hardlink') linkSync(source, target);
      else copyFileSync(source, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EXDEV')
        throw new DatasetError(
          `cannot hard-link ${source} into ${dest}: another filesystem`,
          'use --link symlink or --link copy',
        );
      throw new DatasetError(`cannot make ${target}: ${describeFsError(error)}`, 'check DEST and its permissions');
    }
  }
  return { dest, created, replaced, unchanged };
}

/** A folder already in DEST that is a link to elsewhere would carry writes out of DEST: refuse it. */
function assertStaysInside(dest: string, folders: readonly string[]): void {
  const real = statSync(dest, { throwIfNoEntry: false }) === undefined ? null : realpathSync(dest);
  if (real === null) return;
  for (const folder of folders) {
    let existing = folder;
    while (!statSync(existing, { throwIfNoEntry: false }) && existing !== dest) existing = join(existing, '..');
    const resolved = realpathSync(existing);
    if (resolved !== real && !resolved.startsWith(real + sep))
      throw new DatasetError(`${existing} leads outside ${dest}`, 'remove that link from DEST, or choose another DEST');
  }
}

function describe(link: LinkKind, source: string): string {
  if (link === 'symlink') return `a link to ${source}`;
  return link === 'hardlink' ? `a hard link of ${source}` : `a copy of ${source}`;
}

/** Whether a target is absent, already what it should be, or something else. */
function stateOf(source: string, target: string, link: LinkKind): 'absent' | 'same' | 'different' {
  const stats = lstatSync(target, { throwIfNoEntry: false });
  if (stats === undefined) return 'absent';
  if (link === 'symlink') return stats.isSymbolicLink() && readlinkSync(target) === source ? 'same' : 'different';
  const wanted = statSync(source);
  if (link === 'hardlink')
    return stats.isFile() && stats.ino === wanted.ino && stats.dev === wanted.dev ? 'same' : 'different';
  return stats.isFile() && stats.size === wanted.size && readFileSync(target).equals(readFileSync(source))
    ? 'same'
    : 'different';
}
