import { main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { PACKAGE_ROOT } from './paths.js';

/** Runs the CLI in-process with captured streams, from the package root. */
export async function runMain(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: t => void (stdout += t),
    stderr: t => void (stderr += t),
    stderrIsTTY: false,
    cwd: PACKAGE_ROOT,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}
