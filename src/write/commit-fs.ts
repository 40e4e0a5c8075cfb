import {
  closeSync,
  copyFileSync,
  fchmodSync,
  fchownSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';

/**
 * The filesystem calls a commit makes. Tests pass a copy with one call made to fail (the Nth rename, a full
 * disk on the third write) to prove that a failure anywhere leaves every output as it was.
 */
export interface CommitFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Buffer, offset: number, length: number): number;
  closeSync(fd: number): void;
  fchmodSync(fd: number, mode: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
  renameSync(from: string, to: string): void;
  linkSync(existing: string, link: string): void;
  copyFileSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string): void;
  rmdirSync(path: string): void;
  readdirSync(path: string): string[];
}

export const nodeCommitFs: CommitFs = {
  openSync,
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  closeSync,
  fchmodSync,
  fchownSync,
  renameSync,
  linkSync,
  copyFileSync,
  unlinkSync,
  mkdirSync: path => void mkdirSync(path),
  rmdirSync,
  readdirSync: path => readdirSync(path),
};

/** Words for the errors a write meets; the path is named separately. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'does not exist',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'is a folder',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large',
    EROFS: 'read-only filesystem',
    EIO: 'input/output error',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'name too long',
    EPIPE: 'the reader closed the pipe',
    ENXIO: 'no reader on the other end (a FIFO nobody reads?)',
    EAGAIN: 'the output is not ready (non-blocking)',
  };
  return (code !== undefined && known[code]) || (error instanceof Error ? error.message : String(error));
}
