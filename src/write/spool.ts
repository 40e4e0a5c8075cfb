import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetError } from '../errors.js';
import { describeWriteError } from './commit-fs.js';
import { stagedFiles } from './temp-files.js';

/**
 * A manifest too large to hold in memory (10^7 rows from a 10^8-clip index), written a block at a time into a
 * file of the OS temp folder as its rows arrive, then read back a block at a time by the commit: compared with
 * the old file, then copied to the staged file beside the target. The commit stays all-or-nothing, as for
 * content held in memory; the spool is only ever an input of it.
 *
 * Content is `head`, the spooled rows, then `end`; both are known only once the rows have been rendered.
 *
 * Rows are held in memory until they pass `holdUpTo` bytes, and go to the file only then: a manifest of
 * 65,000 rows (6 MB) cost 10 to 15 ms to write out and read back, for nothing.
 */
export class SpooledContent implements Iterable<Buffer> {
  private readonly path: string;
  private fd: number | null = null;
  private head = Buffer.alloc(0);
  private end = Buffer.alloc(0);
  private filled = false;
  private released = false;
  /** Rows not (yet) in the file, and their bytes. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** Whether the rows went to the file. */
  private spilled = false;

  /**
   * `folder`: where the spool goes, the OS temp folder unless a test says otherwise. `holdUpTo`: the bytes of
   * rows held in memory before they go to the file (0: every row goes to the file, which is made at once).
   */
  constructor(
    folder = tmpdir(),
    private readonly holdUpTo = HOLD_BYTES,
  ) {
    this.path = join(folder, `k400-slice-spool-${randomBytes(6).toString('hex')}`);
    live.add(this);
  }

  /**
   * Renders the rows: `write` appends text, or its UTF-8 bytes, to the spool; the returned head and end go
   * around it.
   */
  async fill(
    render: (write: (text: string | Buffer) => void) => Promise<{ head: string; end: string }>,
  ): Promise<void> {
    try {
      if (this.holdUpTo <= 0) this.spill();
      const { head, end } = await render(text => {
        const bytes = typeof text === 'string' ? Buffer.from(text) : text;
        if (!this.spilled) {
          this.held.push(bytes);
          this.heldBytes += bytes.length;
          if (this.heldBytes > this.holdUpTo) this.spill();
          return;
        }
        this.writeOut(bytes);
      });
      this.head = Buffer.from(head);
      this.end = Buffer.from(end);
      this.filled = true;
    } catch (error) {
      this.release();
      throw error;
    } finally {
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
    }
  }

  /** Opens the file and writes it the rows held so far: every later row goes there too. */
  private spill(): void {
    try {
      this.fd = openSync(this.path, 'wx', 0o600);
    } catch (error) {
      throw spoolError(error);
    }
    // A signal while rows arrive removes the spool with the staged files.
    stagedFiles.addFile(this.path);
    this.spilled = true;
    for (const bytes of this.held) this.writeOut(bytes);
    this.held = [];
    this.heldBytes = 0;
  }

  private writeOut(bytes: Buffer): void {
    const fd = this.fd as number;
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (error) {
      throw spoolError(error);
    }
  }

  *[Symbol.iterator](): Iterator<Buffer> {
    if (!this.filled || this.released) throw new Error('a spooled manifest was read before it was filled');
    yield this.head;
    if (!this.spilled) {
      yield* this.held;
      yield this.end;
      return;
    }
    const fd = openSync(this.path, 'r');
    try {
      // A fresh buffer each block: the commit may keep a piece while it reads the next.
      for (;;) {
        const block = Buffer.allocUnsafe(4 << 20);
        const got = readSync(fd, block, 0, block.length, null);
        if (got <= 0) break;
        yield block.subarray(0, got);
      }
    } finally {
      closeSync(fd);
    }
    yield this.end;
  }

  /** Removes the spool file; reading it afterwards is a bug. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.held = [];
    live.delete(this);
    try {
      unlinkSync(this.path);
    } catch {
      // never made, or gone already
    }
    stagedFiles.dropFile(this.path);
  }
}

/** The bytes of rows a spool holds in memory before it writes them to its file. */
const HOLD_BYTES = 32 * 1024 * 1024;

const live = new Set<SpooledContent>();

/** A spool that cannot be written (a full temp folder) is the user's to fix, and nothing was written yet. */
function spoolError(error: unknown): DatasetError {
  return new DatasetError(
    `cannot write the manifest's rows to the temp folder: ${describeWriteError(error)}`,
    'nothing was changed; free space in the temp folder, or point TMPDIR at a larger one',
  );
}

/** Removes every spool still on disk: after a command's commit, whether it succeeded or failed. */
export function releaseSpools(): void {
  for (const spool of [...live]) spool.release();
}
