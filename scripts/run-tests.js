// Runs every compiled test file (dist/test/**/*.test.js) with Node's test runner. Listing them here,
// instead of passing the folder, keeps Node from also running the helpers that sit beside the tests.
//
// `node scripts/run-tests.js [--isolate] [substring...]` runs the files whose path holds a substring (all without).
// By default the files share a few processes (shards): Node 20 starts one process a file and has no
// --test-isolation=none, and starting Node and loading every module once a file cost more of a 2-core machine
// than most of the tests. A shard is a module that imports its files in order, so their suites run one after
// another as a file's own do; the tests already keep to their own temporary folders and restore what they
// change. `--isolate` runs one process a file, as before, to tell whether a failure comes from the sharing.
//
// The shards are dealt by weight: scripts/test-weights.txt holds the CPU seconds each file takes run alone, and
// `node scripts/run-tests.js --weigh [substring...]` measures them again (all files, or those named) and writes it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const root = new URL('../dist/test/', import.meta.url);
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter(file => file.endsWith('.test.js'))
  .sort()
  .map(file => join(fileURLToPath(root), file));
const args = process.argv.slice(2);
const isolate = args.includes('--isolate');
const weigh = args.includes('--weigh');
const filter = args.filter(arg => arg !== '--isolate' && arg !== '--weigh');
const chosen = filter.length === 0 ? files : files.filter(file => filter.some(f => file.includes(f)));
// The tests are mostly in-process and CPU-bound: one file at a time a core. Spawned processes (the smoke
// tests, Chromium, make) wait on their children, which the second core picks up.
const concurrency = Math.max(2, availableParallelism());

/** What every test process loads before its files: DuckDB instances kept between calls (see the file). */
const setup = pathToFileURL(fileURLToPath(new URL('../dist/test/helpers/setup.js', import.meta.url))).href;
const shardFolder = fileURLToPath(new URL('../dist/test-shards/', import.meta.url));

/** A compiled test file as its source is named in the weights: test/cli/smoke.e2e.test.ts. */
const sourceOf = file =>
  relative(packageRoot, file)
    .replace(/^dist[\\/]/, '')
    .replace(/\.js$/, '.ts');

const weightsFile = fileURLToPath(new URL('test-weights.txt', import.meta.url));
const WEIGHTS_HEADER = `# The CPU seconds each test file takes run alone (in its own process, with its children),
# written by \`node scripts/run-tests.js --weigh\`. run-tests.js deals the files to its processes by
# them, so that every core stays busy to the end; a file not listed counts as the median.
# Weigh again after adding or slowing a file.
`;

/** Seconds by source path, from scripts/test-weights.txt (none if it is missing). */
function readWeights() {
  const weights = new Map();
  if (!existsSync(weightsFile)) return weights;
  for (const line of readFileSync(weightsFile, 'utf8').split('\n')) {
    const match = /^(\d+(?:\.\d+)?) (\S.*)$/.exec(line);
    if (match !== null) weights.set(match[2], Number(match[1]));
  }
  return weights;
}

/** Writes the shard modules below dist/ (rebuilt each run); each loads the set-up, then its files in order. */
function writeShards(groups) {
  rmSync(shardFolder, { recursive: true, force: true });
  mkdirSync(shardFolder, { recursive: true });
  return groups.map((group, i) => {
    const path = join(shardFolder, `shard-${String(i + 1).padStart(2, '0')}.js`);
    const imports = group.map(file => `await import(${JSON.stringify(pathToFileURL(file).href)});\n`);
    writeFileSync(path, `import ${JSON.stringify(setup)};\n${imports.join('')}`);
    return path;
  });
}

/**
 * Deals the files into shards by weight, the heaviest first, each to the shard furthest below its share: one
 * shard a core takes four fifths of the work, then as many smaller ones the rest, which go to whichever core is
 * free first, so a core that ran long is not left the last big file while the other waits. Node's runner starts
 * the shards in order, `concurrency` at a time.
 */
function dealShards() {
  const weights = readWeights();
  const known = [...weights.values()].sort((a, b) => a - b);
  const median = known.length === 0 ? 1 : (known[Math.floor(known.length / 2)] ?? 1);
  const weightOf = file => weights.get(sourceOf(file)) ?? median;
  const total = chosen.reduce((sum, file) => sum + weightOf(file), 0);
  const shares = [...Array(concurrency).fill(0.8 / concurrency), ...Array(concurrency).fill(0.2 / concurrency)];
  const count = Math.min(chosen.length, shares.length);
  const shards = shares.slice(0, count).map(share => ({ target: share * total, weight: 0, files: [] }));
  const heaviest = [...chosen].sort((a, b) => weightOf(b) - weightOf(a) || (a < b ? -1 : 1));
  for (const file of heaviest) {
    let best = shards[0];
    for (const shard of shards) if (shard.target - shard.weight > best.target - best.weight) best = shard;
    best.files.push(file);
    best.weight += weightOf(file);
  }
  return shards.filter(shard => shard.files.length > 0).map(shard => shard.files.sort());
}

/** CPU seconds this process's waited-for children have used (Linux), or null where /proc is not there. */
function childrenCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 16 and 17 of stat (cutime, cstime), in clock ticks of 1/100 s on Linux.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/** Runs each chosen file alone, one after another, and records its CPU seconds (wall seconds without /proc). */
function weighFiles() {
  const weights = readWeights();
  const [single] = writeShards([[]]);
  let failed = false;
  for (const file of chosen) {
    writeShards([[file]]);
    const cpu = childrenCpu();
    const start = performance.now();
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=dot', single], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const used = cpu === null ? (performance.now() - start) / 1000 : (childrenCpu() ?? 0) - cpu;
    if (run.status !== 0) {
      failed = true;
      process.stderr.write(`${sourceOf(file)}: failed (exit ${run.status}); its weight is kept\n`);
      continue;
    }
    weights.set(sourceOf(file), Math.max(0.1, Math.round(used * 10) / 10));
    process.stdout.write(`${used.toFixed(1).padStart(6)} ${sourceOf(file)}\n`);
  }
  const present = new Set(files.map(sourceOf));
  const lines = [...weights]
    .filter(([source]) => present.has(source))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([source, seconds]) => `${seconds.toFixed(1)} ${source}\n`);
  writeFileSync(weightsFile, WEIGHTS_HEADER + lines.join(''));
  return failed ? 1 : 0;
}

if (chosen.length === 0) {
  // Node's runner given no file looks for tests itself, helpers and all: say so instead.
  process.stderr.write(`no test file's path holds ${filter.map(f => `'${f}'`).join(' or ')}\n`);
  process.exit(1);
}
if (weigh) process.exit(weighFiles());
const targets = writeShards(isolate ? chosen.map(file => [file]) : dealShards());
const { status } = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...targets], {
  stdio: 'inherit',
});
process.exit(status ?? 1);
