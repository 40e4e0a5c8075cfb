import { main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { PACKAGE_ROOT } from './paths.js';

/** The last call of `runMain` under way: the next waits for it (one folder a process at a time). */
let queue: Promise<void> = Promise.resolve();

/**
 * Runs the CLI in this process, as `main` sees it, collecting what it prints. `cwd` (default: the package root)
 * is the folder relative paths are read from, as `k400` in exec.ts runs the bin from it: the same test costs no
 * process start-up, so only what needs a real process (signals, stdout to a device, the bin shim) spawns.
 */
export async function runMain(
  args: readonly string[],
  options: { readonly cwd?: string } = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    stderrIsTTY: false,
    cwd: options.cwd ?? PACKAGE_ROOT,
  };
  // The core opens relative paths through node:fs, which resolves them from the process's folder, as the spawned
  // bin does from its own: the folder is changed for the call and put back. Calls take turns, since the top-level
  // code of a test file may run while another file's tests do (scripts/run-tests.js shares processes).
  const turn = queue.then(async () => {
    const previous = process.cwd();
    process.chdir(io.cwd);
    try {
      return await main(args, io);
    } finally {
      process.chdir(previous);
    }
  });
  queue = turn.then(
    () => undefined,
    () => undefined,
  );
  const status = await turn;
  return { status, stdout, stderr };
}

/** Runs the CLI in-process as a set-up step: like `execFileSync` of the bin, it throws unless the run exits 0. */
export async function runMainOk(args: readonly string[], options: { readonly cwd?: string } = {}): Promise<string> {
  const run = await runMain(args, options);
  if (run.status !== 0) throw new Error(`k400-slice ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return run.stdout;
}
