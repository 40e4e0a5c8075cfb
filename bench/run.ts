import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeVideo } from '../src/probe/probe.js';
import { indexBench } from './index-bench.js';
import { listingBench } from './listing-bench.js';
import { probeSet } from './probe-set.js';
import { syntheticKinetics700 } from './synthetic-tree.js';
import { walkBench } from './walk-bench.js';

// `npm run bench`: times reading a Kinetics-700-sized root against `find -printf '%s %p\n'` (walk-bench.ts,
// issue 11), slicing its listings against slicing it (listing-bench.ts, issue 12), the header probe against
// ffprobe on a few thousand small real clips (target >= 20x, issue 5), and slicing indexes against DuckDB
// (index-bench.ts, issue 12).

const RUNS = 3;
// `--index-only` times only slicing indexes against DuckDB, `--listings-only` only slicing listings against
// the tree they list; `--huge` adds 10^8 clips; `--clean` removes what the bench built in the OS temp folder
// (trees, listings, probe set, indexes) and times nothing.
const flags = process.argv.slice(2);
if (flags.includes('--clean')) {
  const built = readdirSync(tmpdir()).filter(name => /^k400-(slice-)?bench-/.test(name));
  for (const name of built) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  console.log(`removed ${built.length} bench files and folders from ${tmpdir()}`);
  process.exit(0);
}
const indexSizes = [650_000, 10_000_000, ...(flags.includes('--huge') ? [100_000_000] : [])];
if (flags.includes('--index-only')) {
  await indexBench(indexSizes);
  process.exit(0);
}
const treeFiles = Number(process.env.K400_BENCH_FILES ?? 650_000);
const root = syntheticKinetics700(treeFiles);
if (flags.includes('--listings-only')) {
  listingBench(root, treeFiles);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'k400-bench-'));
const devNull = openSync('/dev/null', 'w');
const here = fileURLToPath(new URL('.', import.meta.url));

function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', devNull, 'pipe'], env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(name: string, run: () => number): number {
  run(); // warm the page cache and the dentry cache, as every later run will have them
  const times = Array.from({ length: RUNS }, run);
  const m = median(times);
  console.log(`${name.padEnd(44)} median ${m.toFixed(3)} s   (runs: ${times.map(t => t.toFixed(3)).join(', ')})`);
  return m;
}

console.log(`tree: ${root}`);
walkBench(root);
listingBench(root, treeFiles);

// The probe: our header parser in this process, one thread, against ffprobe, one process per file.
const clips = probeSet();
const files = readdirSync(clips, { recursive: true })
  .map(String)
  .filter(f => /\.(mp4|mkv|webm|mov)$/i.test(f))
  .sort()
  .map(f => join(clips, f));
console.log('');
console.log(`probe set: ${files.length.toLocaleString('en-US')} clips in ${clips}`);
const oursSeconds = median(
  Array.from({ length: RUNS }, () => {
    const start = process.hrtime.bigint();
    for (const file of files) probeVideo(file);
    return Number(process.hrtime.bigint() - start) / 1e9;
  }),
);
const ours = files.length / oursSeconds;
console.log(`header probe, one thread:     ${Math.round(ours).toLocaleString('en-US')} files/s`);
const scanSeconds = measure('k400-slice scan ROOT --probe (all threads)', () =>
  time(process.execPath, [
    join(here, 'peak-rss.js'),
    'scan',
    clips,
    '--probe',
    '-o',
    join(work, 'probe.jsonl'),
    '--quiet',
  ]),
);
console.log(`scan --probe, whole command:  ${Math.round(files.length / scanSeconds).toLocaleString('en-US')} files/s`);
if (spawnSync('ffprobe', ['-version'], { stdio: 'ignore' }).status === 0) {
  const sample = files.filter((_, i) => i % 16 === 0);
  const start = process.hrtime.bigint();
  for (const file of sample)
    spawnSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { stdio: 'ignore' });
  const theirs = sample.length / (Number(process.hrtime.bigint() - start) / 1e9);
  console.log(
    `ffprobe, a process per file:  ${Math.round(theirs).toLocaleString('en-US')} files/s (${sample.length} files)`,
  );
  console.log(
    `probe / ffprobe:              ${(ours / theirs).toFixed(0)}x one thread, ` +
      `${(files.length / scanSeconds / theirs).toFixed(0)}x scan --probe   (target >= 20x)`,
  );
} else {
  console.log('ffprobe is not installed: no comparison (apt-get install ffmpeg)');
}
rmSync(work, { recursive: true, force: true });
await indexBench(indexSizes);
