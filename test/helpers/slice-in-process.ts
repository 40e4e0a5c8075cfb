import { main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { PACKAGE_ROOT } from './paths.js';

/** Runs `k400-slice` in-process with captured streams (what the rule v2 tests read). */
export async function k400InProcess(
  args: readonly string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
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

/** The CSV rows a slice prints, as objects by column name (no field in these tests holds a comma). */
export function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split('\n');
  const columns = (head ?? '').split(',');
  return lines.map(line => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
}
