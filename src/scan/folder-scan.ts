import type { Dirent, Stats } from 'node:fs';
import { hash32 } from '../hash/string-hash.js';
import { type ProbeInfo, probeVideo } from '../probe/probe.js';
import { clipKey } from '../select/clip-key.js';
import { selectionOrder } from '../select/keyed.js';
import { clipIdOf } from './clip-name.js';
import { classifyFile, SKIP_KINDS, type SkipKind } from './file-kinds.js';
import { ContentFingerprint } from './fingerprint.js';
import { describeFsError, isMangledName, listDir, statPath } from './folder-fs.js';

/** Something that stopped part of a walk (an unreadable folder, a file that vanished): reported, not fatal. */
export interface ScanProblem {
  /** Path relative to the dataset root. */
  readonly path: string;
  readonly message: string;
}

export type SkipCounts = Record<(typeof SKIP_KINDS)[number], number> & { non_utf8?: number };

/** Adds `times` files of `kind`; `non_utf8` appears only once one is found. */
export function countSkip(counts: SkipCounts, kind: SkipKind, times = 1): void {
  counts[kind] = (counts[kind] ?? 0) + times;
}

export function emptySkipCounts(): SkipCounts {
  return Object.fromEntries(SKIP_KINDS.map(kind => [kind, 0])) as SkipCounts;
}

/** A file the walk skipped, and why. */
export interface SkippedFile {
  readonly kind: SkipKind;
  /** Relative to the dataset root. */
  readonly path: string;
}

/** The videos found below one class folder, with what was skipped there. */
export interface FolderListing {
  /** The class folder, relative to the dataset root (`abseiling`, `train/abseiling`). */
  readonly folder: string;
  /** Video paths below the class folder, `/`-separated, in selection order for the scan's seed. */
  readonly files: string[];
  /** Sizes in bytes, aligned with `files`. */
  readonly sizes: ArrayLike<number>;
  /** Selection keys for the seed the scan was given (see clip-key.ts), aligned with `files`. */
  readonly keys: ArrayLike<number>;
  /** The content fingerprint's sums over these files (see fingerprint.ts). */
  readonly fingerprint: number[];
  readonly skipped: SkippedFile[];
  readonly problems: ScanProblem[];
  /** With probing: each file's header probe and modification time (the probe cache's key), aligned with `files`. */
  readonly probes: Probed[] | null;
}

/** A probe and the file state it was made for: reused while size and modification time stay the same. */
export interface Probed {
  readonly probe: ProbeInfo;
  readonly mtimeMs: number;
}

/** Earlier probes of a folder's files, by path below the folder (from a previous index). */
export type ProbeCache = Record<string, Probed & { readonly size: number }>;

// Symlinked folders are followed; this bounds the damage of a link cycle below a class folder.
const MAX_DEPTH = 16;

/**
 * Lists the videos below `root/folder`. Names decide what is a video before any `stat`, and only videos are
 * stat-ed: the stat is most of the cost of a walk, so nothing else pays for it. It also hashes each clip's
 * selection key for `seed` and its share of the content fingerprint, so that work runs on the scan threads.
 * `folder` '' lists the files directly in the root, and not its sub-folders.
 */
export function scanFolder(
  root: string,
  folder: string,
  videoExtensions: ReadonlySet<string>,
  /** The seed to hash selection keys for; null for a walk nothing will select from (see ScanFoldersOptions). */
  seed: string | null,
  probe: { cache: ProbeCache } | null = null,
  /** The class folder's name (NFC) that non-Kinetics clip ids start with (see clipIdOf). */
  classFolder = '',
): FolderListing {
  // The root itself ('') is listed alone: its sub-folders are tasks of their own.
  const recursive = folder !== '';
  const base = folder === '' ? root : `${root}/${folder}`;
  const listing: Growing = {
    folder,
    files: [],
    sizes: [],
    keys: [],
    fingerprint: [],
    skipped: [],
    problems: [],
    probes: probe === null ? null : [],
  };
  const w: Walk = {
    exts: videoExtensions,
    maxDepth: recursive ? MAX_DEPTH : 0,
    out: listing,
    cache: probe?.cache,
    // The root and the folders down to this one: a link back to any of them is a cycle.
    chain: recursive ? ancestorsOf(root, folder) : [],
  };
  walk(w, base, '', 0);
  const { files, sizes, probes } = listing;
  const n = files.length;
  const fingerprint = new ContentFingerprint();
  const ids = new Array<string>(n);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const clipId = clipIdOf(files[i] as string, classFolder);
    ids[i] = clipId;
    // A walk nothing will select from (scan) keys a clip by a quick hash of its id: it only finds repeated
    // ids (see repeatedKeys), compared exactly where hashes meet. MD5 and the sort were a tenth of scan's time.
    keys[i] = seed === null ? hash32(clipId) >>> 0 : clipKey(seed, clipId);
    fingerprint.add(clipId, sizes[i] as number);
  }
  if (seed === null) return { ...listing, sizes: Float64Array.from(sizes), keys, fingerprint: fingerprint.toLanes() };
  // In selection order, so that a class folder arrives as a stratum ready to slice (see inSelectionOrder).
  const order = selectionOrder(keys, i => ids[i] as string);
  const sorted = {
    files: new Array<string>(n),
    sizes: new Float64Array(n),
    keys: new Float64Array(n),
    probes: probes === null ? null : new Array<Probed>(n),
  };
  for (let at = 0; at < n; at++) {
    const i = order[at] as number;
    sorted.files[at] = files[i] as string;
    sorted.sizes[at] = sizes[i] as number;
    sorted.keys[at] = keys[i] as number;
    if (sorted.probes !== null) sorted.probes[at] = (probes as Probed[])[i] as Probed;
  }
  return { ...listing, ...sorted, fingerprint: fingerprint.toLanes() };
}

type Growing = FolderListing & { files: string[]; sizes: number[]; probes: Probed[] | null };
interface Walk {
  readonly exts: ReadonlySet<string>;
  /** 0 lists one folder only: its sub-folders are listed by tasks of their own. */
  readonly maxDepth: number;
  readonly out: Growing;
  /** With probing: earlier probes to reuse. */
  readonly cache?: ProbeCache | undefined;
  /** The folders from the root down to the one being listed; their ids are read only when a link needs them. */
  readonly chain: ChainLink[];
}

interface ChainLink {
  readonly path: string;
  /** `dev:ino`, read on first need; null when it cannot be read. */
  id?: string | null;
}

function ancestorsOf(root: string, folder: string): ChainLink[] {
  const chain: ChainLink[] = [{ path: root }];
  let path = root;
  for (const name of folder.split('/')) {
    path = `${path}/${name}`;
    chain.push({ path });
  }
  chain.pop(); // the class folder itself is pushed by the walk
  return chain;
}

function idOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/** Whether a linked folder is one of the folders the walk is already inside: following it would loop. */
function isCycle(chain: ChainLink[], stats: Stats): boolean {
  const id = idOf(stats);
  for (const link of chain) {
    if (link.id === undefined) {
      try {
        const found = statPath(link.path);
        link.id = found === undefined ? null : idOf(found);
      } catch {
        link.id = null;
      }
    }
    if (link.id === id) return true;
  }
  return false;
}

function walk(w: Walk, dir: string, prefix: string, depth: number): void {
  const { exts, out } = w;
  let entries: Dirent[];
  try {
    entries = listDir(dir);
  } catch (error) {
    out.problems.push({ path: joinRel(out.folder, prefix), message: describeFsError(error) });
    return;
  }
  w.chain.push({ path: dir });
  for (const entry of entries) {
    const name = entry.name;
    if (name.includes('\uFFFD') && isMangledName(dir, name)) {
      out.skipped.push({ kind: 'non_utf8', path: joinRel(out.folder, prefix + name) });
      continue;
    }
    if (entry.isDirectory()) {
      descend(w, dir, prefix, name, depth);
      continue;
    }
    const kind = classifyFile(name, exts);
    if (kind !== 'video') {
      // A symlink or an entry of unknown type might still be a folder (never a hidden or `._` one).
      const folder = kind === 'other' && !entry.isFile() ? statOrReport(w, dir, prefix, name) : undefined;
      if (folder === null) continue;
      if (folder?.isDirectory()) descendLinked(w, dir, prefix, name, depth, folder);
      else out.skipped.push({ kind, path: joinRel(out.folder, prefix + name) });
      continue;
    }
    const stats = statOrReport(w, dir, prefix, name);
    if (stats === null) continue;
    if (stats === undefined) {
      out.problems.push({ path: joinRel(out.folder, prefix + name), message: 'vanished or broken link' });
    } else if (stats.isFile()) {
      out.files.push(prefix + name);
      out.sizes.push(stats.size);
      if (out.probes !== null)
        out.probes.push(probeOnce(`${dir}/${name}`, prefix + name, stats.size, stats.mtimeMs, w.cache));
    } else if (stats.isDirectory()) {
      descendLinked(w, dir, prefix, name, depth, stats);
    } else {
      // A FIFO or a device named like a video (or a link to /dev/zero): never a clip, and never opened.
      out.problems.push({ path: joinRel(out.folder, prefix + name), message: 'not a regular file, skipped' });
    }
  }
  w.chain.pop();
}

/** A `stat` whose failure (ELOOP, EACCES, EIO, ENAMETOOLONG) is reported: null then; undefined when absent. */
function statOrReport(w: Walk, dir: string, prefix: string, name: string): Stats | undefined | null {
  try {
    return statPath(`${dir}/${name}`);
  } catch (error) {
    w.out.problems.push({ path: joinRel(w.out.folder, prefix + name), message: describeFsError(error) });
    return null;
  }
}

/** A folder reached through a link (or of unknown type): followed unless it leads back up the walk. */
function descendLinked(w: Walk, dir: string, prefix: string, name: string, depth: number, stats: Stats): void {
  if (w.maxDepth > 0 && !name.startsWith('.') && isCycle(w.chain, stats)) {
    w.out.problems.push({
      path: joinRel(w.out.folder, prefix + name),
      message: 'symbolic link cycle (leads back to a folder it is in), not followed',
    });
    return;
  }
  descend(w, dir, prefix, name, depth);
}

/** Probes a file, or reuses the probe cached for it while its size and modification time are unchanged. */
function probeOnce(path: string, rel: string, size: number, mtimeMs: number, cache: ProbeCache | undefined): Probed {
  const cached = cache?.[rel];
  if (cached !== undefined && cached.size === size && cached.mtimeMs === mtimeMs)
    return { probe: cached.probe, mtimeMs };
  return { probe: probeVideo(path), mtimeMs };
}

function descend(w: Walk, dir: string, prefix: string, name: string, depth: number): void {
  const { out } = w;
  if (w.maxDepth === 0) return;
  if (name.startsWith('.')) {
    out.skipped.push({ kind: 'hidden', path: joinRel(out.folder, prefix + name) });
  } else if (depth >= w.maxDepth) {
    out.problems.push({
      path: joinRel(out.folder, prefix + name),
      message: `deeper than ${MAX_DEPTH} folders, not read`,
    });
  } else {
    walk(w, `${dir}/${name}`, `${prefix}${name}/`, depth + 1);
  }
}

function joinRel(folder: string, rest: string): string {
  const tail = rest.endsWith('/') ? rest.slice(0, -1) : rest;
  if (folder === '') return tail;
  return tail === '' ? folder : `${folder}/${tail}`;
}
