import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Folders are removed when the process exits, not in an `after` hook: test files share a process (see
// scripts/run-tests.js), and a root-level `after` of a file still running its top-level set-up (scanning an
// index into a shared folder) can run when the files before it finish, removing the folder under it.
const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'k400-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes files below `root`; a number is a size (filled with bytes), a string the content. */
export function writeTree(root: string, files: Record<string, number | string>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof content === 'number' ? Buffer.alloc(content, 1) : content);
  }
}
