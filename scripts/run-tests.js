// Runs every compiled test file (dist/test/**/*.test.js) with Node's test runner. Listing them here,
// instead of passing the folder, keeps Node from also running the helpers that sit beside the tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../dist/test/', import.meta.url);
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.js'))
  .sort()
  .map((file) => join(root.pathname, file));
const filter = process.argv.slice(2);
const chosen = filter.length === 0 ? files : files.filter((file) => filter.some((f) => file.includes(f)));
const { status } = spawnSync(process.execPath, ['--test', ...chosen], { stdio: 'inherit' });
process.exit(status ?? 1);
