import { main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { PACKAGE_ROOT } from './paths.js';

/** Runs the CLI in this process, as `main` sees it, collecting what it prints. */
export async function runMain(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
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
    cwd: PACKAGE_ROOT,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}
