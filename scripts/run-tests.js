// Runs every compiled test file (dist/test/**/*.test.js) with Node's test runner. Listing them here,
// instead of passing the folder, keeps Node from also running the helpers that sit beside the tests.
//
// `node scripts/run-tests.js [--isolate] [substring...]` runs the files whose path holds a substring (all without).
// By default the files share a few processes (shards): Node 20 starts one process a file and has no
// --test-isolation=none, and starting Node and loading every module once a file cost more of a 2-core machine
// than most of the tests. A shard is a module that imports its files in order, so their suites run one after
// another as a file's own do; the tests already keep to their own temporary folders and restore what they
// change. `--isolate` runs one process a file, as before, to tell whether a failure comes from the sharing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('../dist/test/', import.meta.url);
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter(file => file.endsWith('.test.js'))
  .sort()
  .map(file => join(fileURLToPath(root), file));
const args = process.argv.slice(2);
const isolate = args.includes('--isolate');
const filter = args.filter(arg => arg !== '--isolate');
const chosen = filter.length === 0 ? files : files.filter(file => filter.some(f => file.includes(f)));
// The tests are mostly in-process and CPU-bound: one file at a time a core. Spawned processes (the smoke
// tests, Chromium, make) wait on their children, which the second core picks up.
const concurrency = Math.max(2, availableParallelism());
// More shards than cores, dealt round-robin, so that a shard holding a slow file does not leave a core idle.
const shardCount = Math.min(chosen.length, concurrency * 3);

/** Writes the shard modules below dist/ (rebuilt each run); each imports its files in order. */
function shards() {
  const folder = fileURLToPath(new URL('../dist/test-shards/', import.meta.url));
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const groups = Array.from({ length: shardCount }, () => []);
  chosen.forEach((file, i) => groups[i % shardCount].push(file));
  return groups.map((group, i) => {
    const path = join(folder, `shard-${String(i + 1).padStart(2, '0')}.js`);
    writeFileSync(path, group.map(file => `await import(${JSON.stringify(pathToFileURL(file).href)});\n`).join(''));
    return path;
  });
}

const targets = isolate ? chosen : shards();
const { status } = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...targets], {
  stdio: 'inherit',
});
process.exit(status ?? 1);
