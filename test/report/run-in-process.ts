import { main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { PACKAGE_ROOT } from '../helpers/paths.js';

export interface InProcessRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured streams; `io` overrides the fake terminal's fields. */
export async function runCli(args: string[], io: Partial<Io> = {}): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: t => void (stdout += t),
    stderr: t => void (stderr += t),
    stderrIsTTY: false,
    cwd: PACKAGE_ROOT,
    ...io,
  });
  return { status, stdout, stderr };
}
