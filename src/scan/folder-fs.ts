import { type Dirent, lstatSync, readdirSync, type Stats, statSync } from 'node:fs';

// The file-system calls of the walk, verify and materialize, behind one seam. Tests run as root, which no
// permission stops, and no test can make a disk fail: they inject EACCES or EIO for a path here instead.
const faults = new Map<string, { code: string; call: string | null }>();

/**
 * Makes every call below on exactly `path` fail with `code` (EACCES, EIO, ...) until the faults are cleared;
 * with `call` (`scandir`, `stat`, `lstat`, `materialize`), only that call.
 */
export function injectFault(path: string, code: string, call: string | null = null): void {
  faults.set(path, { code, call });
}

export function clearFaults(): void {
  faults.clear();
}

/** Throws the fault injected for `path`, if any: the seam for steps that write (materialize's placing). */
export function injectedFailure(path: string, call: string): void {
  if (faults.size > 0) failIfInjected(path, call);
}

function failIfInjected(path: string, call: string): void {
  const fault = faults.get(path);
  if (fault === undefined || (fault.call !== null && fault.call !== call)) return;
  const code = fault.code;
  throw Object.assign(new Error(`${code}: injected fault, ${call} '${path}'`), { code, path, syscall: call });
}

export function listDir(path: string): Dirent[] {
  if (faults.size > 0) failIfInjected(path, 'scandir');
  return readdirSync(path, { withFileTypes: true });
}

/** `stat`, undefined when nothing is there (ENOENT, ENOTDIR); other failures (ELOOP, EACCES, EIO) throw. */
export function statPath(path: string): Stats | undefined {
  if (faults.size > 0) failIfInjected(path, 'stat');
  return statSync(path, { throwIfNoEntry: false });
}

/** `lstat`, undefined when nothing is there; other failures throw. */
export function lstatPath(path: string): Stats | undefined {
  if (faults.size > 0) failIfInjected(path, 'lstat');
  return lstatSync(path, { throwIfNoEntry: false });
}

/**
 * Whether a name the directory listing gave cannot be valid UTF-8: Node decodes such bytes to U+FFFD, and
 * the decoded name then names no entry. A name that truly holds U+FFFD is still there.
 */
export function isMangledName(dir: string, name: string): boolean {
  if (!name.includes('\uFFFD')) return false;
  try {
    return lstatSync(`${dir}/${name}`, { throwIfNoEntry: false }) === undefined;
  } catch {
    return true;
  }
}

/** A path that cannot reach the file system at all: a NUL byte makes every call throw a TypeError. */
export function holdsNul(path: string): boolean {
  return path.includes('\0');
}

/** `EACCES: permission denied, scandir '...'` -> `permission denied`: the path is reported separately. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'does not exist',
    ENOTDIR: 'a part of the path is not a folder',
    ELOOP: 'too many symbolic links (a link that loops)',
    EIO: 'input/output error',
    ENAMETOOLONG: 'name too long',
    ERR_INVALID_ARG_VALUE: 'holds a NUL byte',
  };
  return (code !== undefined && known[code]) || (error instanceof Error ? error.message : String(error));
}
