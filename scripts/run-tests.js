// Runs every compiled test file (dist/test/**/*.test.js) with Node's test runner. Listing them here,
// instead of passing the folder, keeps Node from also running the helpers that sit beside the tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../dist/test/', import.meta.url);
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter(file => file.endsWith('.test.js'))
  .sort()
  .map(file => join(fileURLToPath(root), file));
const filter = process.argv.slice(2);
const chosen = filter.length === 0 ? files : files.filter(file => filter.some(f => file.includes(f)));
// Most of the time goes to spawning the real bin, so test files run side by side, at least two at once.
const concurrency = Math.max(2, availableParallelism());
const { status } = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...chosen], {
  stdio: 'inherit',
});
process.exit(status ?? 1);
