import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { type BigIntStats, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from './in-process.js';
import { BIN, PACKAGE_ROOT } from './paths.js';
import { tempDir } from './temp.js';

/**
 * One row of the hostile-input suite: a command run against a fresh temporary folder that `setup` fills.
 * Unless `changes` says otherwise, the folder must be byte for byte, mode for mode, as `setup` left it:
 * a failed command creates, changes and loses nothing.
 */
export interface HostileCase {
  readonly name: string;
  /** Fills the case's folder. What it returns is ignored, but a promise is awaited (a set-up that runs the CLI). */
  readonly setup?: (dir: string) => unknown;
  /** The arguments, given the case's folder (absolute). */
  readonly args: (dir: string) => string[];
  readonly exit: number;
  /** What stderr must match. For exit 2 the runner also checks it is exactly one `k400-slice: error:` line. */
  readonly stderr?: RegExp;
  readonly stdout?: RegExp;
  /** Spawn the real bin (signals, stdout to a device, stdin) instead of calling `main` in-process. */
  readonly spawn?: boolean;
  /** Run from the case's folder (relative arguments), not the package root; spawned cases always do. */
  readonly fromFolder?: boolean;
  /** Shell redirection of stdout for spawned cases, e.g. '/dev/full'. */
  readonly stdoutTo?: string;
  /** Environment variables for spawned cases (TMPDIR), given the case's folder. */
  readonly env?: (dir: string) => Record<string, string>;
  /** Paths (relative to the folder) that may change; everything else must not. */
  readonly changes?: readonly string[];
  /** Extra checks on the folder after the run. */
  readonly after?: (dir: string) => void;
}

interface Entry {
  readonly kind: string;
  readonly mode: number;
  readonly content: string;
}

const LARGE = 16n * 1024n * 1024n;

/**
 * Every entry below `dir` (symlinks not followed): kind, mode and content (its SHA-256) or link target. A file
 * over 16 MiB (the cases that test size bounds make them, up to a sparse 257 MiB) is kept as its size, inode and
 * modification time instead: reading it twice a case cost seconds, and no write leaves all three as they were.
 */
export function snapshotTree(dir: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const walk = (relative: string): void => {
    const full = join(dir, relative);
    let stats: BigIntStats;
    try {
      stats = lstatSync(full, { bigint: true });
    } catch {
      return;
    }
    const mode = Number(stats.mode & 0o7777n);
    if (stats.isSymbolicLink()) entries.set(relative, { kind: 'link', mode: 0, content: readlinkSync(full) });
    else if (stats.isDirectory()) {
      entries.set(relative, { kind: 'dir', mode, content: '' });
      let names: string[] = [];
      try {
        names = readdirSync(full);
      } catch {
        return; // an unreadable folder the case made on purpose
      }
      for (const name of names.sort()) walk(relative === '' ? name : join(relative, name));
    } else if (stats.isFile()) {
      let content = `unreadable:${stats.size}`;
      try {
        content =
          stats.size > LARGE
            ? `large:${stats.size}:${stats.ino}:${stats.mtimeNs}`
            : createHash('sha256').update(readFileSync(full)).digest('hex');
      } catch {
        // kept as its size: a file the case made unreadable
      }
      entries.set(relative, { kind: 'file', mode, content });
    } else entries.set(relative, { kind: 'other', mode, content: '' });
  };
  walk('');
  return entries;
}

function runSpawned(args: string[], cwd: string, stdoutTo: string | undefined, env: Record<string, string> = {}) {
  const quoted = [process.execPath, BIN, ...args].map(a => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const command = stdoutTo === undefined ? quoted : `${quoted} > '${stdoutTo}'`;
  const result = spawnSync('sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a table of hostile cases, one test a row. */
export function hostileSuite(title: string, cases: readonly HostileCase[]): void {
  describe(title, () => {
    for (const row of cases) {
      it(row.name, async () => {
        const dir = tempDir('k400-hostile-');
        await row.setup?.(dir);
        const before = snapshotTree(dir);
        const args = row.args(dir);
        const run = row.spawn
          ? runSpawned(args, dir, row.stdoutTo, row.env?.(dir))
          : await runMain(args, { cwd: row.fromFolder ? dir : PACKAGE_ROOT });
        const shown = `exit ${run.status}\nstdout: ${run.stdout.slice(0, 500)}\nstderr: ${run.stderr.slice(0, 2000)}`;
        assert.equal(run.status, row.exit, shown);
        assert.ok(!run.stderr.includes('internal error'), `internal error:\n${shown}`);
        assert.ok(!/\n\s+at /.test(run.stderr), `a stack trace:\n${shown}`);
        if (row.exit === 2) {
          const errors = run.stderr.split('\n').filter(line => line.startsWith('k400-slice: error:'));
          assert.equal(errors.length, 1, `exactly one error line:\n${shown}`);
        }
        if (row.stderr !== undefined) assert.match(run.stderr, row.stderr, shown);
        if (row.stdout !== undefined) assert.match(run.stdout, row.stdout, shown);
        const after = snapshotTree(dir);
        const allowed = new Set(row.changes ?? []);
        for (const path of new Set([...before.keys(), ...after.keys()])) {
          if (allowed.has(path)) continue;
          assert.deepEqual(after.get(path), before.get(path), `'${path}' was created, changed or lost\n${shown}`);
        }
        row.after?.(dir);
      });
    }
  });
}

export { PACKAGE_ROOT };
