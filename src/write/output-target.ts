import { lstatSync, readlinkSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { DatasetError } from '../errors.js';

/** The names of the process's own streams: written through the descriptor the shell opened, not reopened. */
const STREAM_ALIASES: Record<string, number> = {
  '/dev/stdout': 1,
  '/dev/fd/1': 1,
  '/proc/self/fd/1': 1,
  '/dev/stderr': 2,
  '/dev/fd/2': 2,
  '/proc/self/fd/2': 2,
};

/** A file's stats, or undefined when there is none (also when a part of the path is a file: ENOTDIR). */
export function statOf(path: string, follow = true): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Where an output's bytes really go. */
export interface OutputTarget {
  /** The path as planned (what messages name). */
  readonly given: string;
  /** The file to replace: the end of a chain of symbolic links, never the link itself. */
  readonly path: string;
  /**
   * A device, FIFO, socket or the process's own stream: written straight into, never renamed over (a
   * rename would replace `/dev/null` with a file), and no sidecar beside it.
   */
  readonly straight: boolean;
  /** 1 or 2 for `/dev/stdout` and `/dev/stderr`: write the descriptor the shell opened. */
  readonly fd: number | null;
  /** The file being replaced, if there is one. */
  readonly existing: Stats | undefined;
}

/** True for outputs written in place: devices, FIFOs, sockets, `/dev/stdout`; a regular file or nothing is not. */
export function isStraightOutput(path: string): boolean {
  if (path === '-') return false;
  if (STREAM_ALIASES[path] !== undefined) return true;
  const stats = statOf(path);
  return stats !== undefined && !stats.isFile() && !stats.isDirectory();
}

/** Follows symbolic links one at a time, so a link to a file that does not exist yet still names it. */
function followLinks(path: string): string {
  let at = path;
  for (let hops = 0; hops < 40; hops++) {
    const stats = statOf(at, false);
    if (stats === undefined || !stats.isSymbolicLink()) return at;
    const target = readlinkSync(at);
    at = isAbsolute(target) ? target : join(dirname(at), target);
  }
  throw new DatasetError(`output '${path}' is a loop of symbolic links`, 'point -o at a file');
}

export function resolveTarget(given: string): OutputTarget {
  const fd = STREAM_ALIASES[given] ?? null;
  if (fd !== null) return { given, path: given, straight: true, fd, existing: undefined };
  const path = followLinks(given);
  const existing = statOf(path);
  if (existing?.isDirectory()) throw new DatasetError(`output '${given}' is a folder`, 'give a file name to -o');
  const straight = existing !== undefined && !existing.isFile();
  return { given, path, straight, fd: null, existing };
}

/**
 * What a path is, for telling two names of one file apart: device and inode when it exists, else the real path
 * of its nearest existing folder and the rest (`out/r.csv` and `./out/r.csv`, or a folder reached by a link).
 */
export function identityOf(path: string): string {
  const stats = statOf(path);
  if (stats !== undefined) return `inode:${stats.dev}:${stats.ino}`;
  return `path:${realPathOfMissing(resolve(path))}`;
}

/** The real path of a file that does not exist: its nearest existing folder's real path, then the rest. */
export function realPathOfMissing(path: string): string {
  let folder = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(folder), ...rest.reverse());
    } catch {
      const up = dirname(folder);
      if (up === folder) return path;
      rest.push(basename(folder));
      folder = up;
    }
  }
}
