import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuck, sqlText } from '../src/engine/duckdb.js';
import { syntheticIndex } from './synthetic-index.js';
import { verdict } from './timing.js';

// Slicing an index against DuckDB's own query on the same Parquet file (issue 12). Targets: at 650,000 clips
// <= 1.0x DuckDB's time and <= 200 MB; at 10^7 <= 1.2x and <= 1 GB; 10^8 (--huge) completes within 4 GB.

const here = fileURLToPath(new URL('.', import.meta.url));
const TARGETS: Record<number, { ratio: number; rss: number }> = {
  650000: { ratio: 1.0, rss: 200e6 },
  10000000: { ratio: 1.2, rss: 1e9 },
  100000000: { ratio: Number.POSITIVE_INFINITY, rss: 4e9 },
};

/** The time target and its verdict, or that there is none (10^8 clips need only complete). */
function timeTarget(ratio: number, target: number): string {
  return Number.isFinite(target) ? `target <= ${target}x: ${verdict(ratio <= target)}` : 'no time target';
}

/** Wall time, peak RSS, and CPU seconds (all threads): on a shared machine CPU time is the steadier figure. */
interface Timing {
  readonly seconds: number;
  readonly rss: number;
  readonly cpu: number;
}

function timed(args: string[], env: NodeJS.ProcessEnv, rssFile: string): Timing {
  const devNull = openSync('/dev/null', 'w');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    stdio: ['ignore', devNull, 'pipe'],
    env: { ...process.env, ...env, K400_BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString().slice(-2000)}`);
  const cpu = existsSync(`${rssFile}.cpu`) ? Number(readFileSync(`${rssFile}.cpu`, 'utf8')) : Number.NaN;
  return { seconds, rss: Number(readFileSync(rssFile, 'utf8')), cpu };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The run of median wall time. */
function medianRun(all: readonly Timing[]): Timing {
  const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)] as Timing;
}

/**
 * `runs` pairs, each DuckDB's own run then the tool's, one after the other: on a machine whose speed drifts
 * from minute to minute (this one's did, by a third), the two of a pair see the same machine, and the median of
 * the pairs' ratios is the steady figure. Medians of each side are printed too.
 */
function pairs(
  runs: number,
  duck: () => Timing,
  ours: () => Timing,
): { duck: Timing; ours: Timing; ratio: number; cpu: number } {
  const all = Array.from({ length: runs }, () => ({ duck: duck(), ours: ours() }));
  return {
    duck: medianRun(all.map(p => p.duck)),
    ours: medianRun(all.map(p => p.ours)),
    ratio: median(all.map(p => p.ours.seconds / p.duck.seconds)),
    cpu: median(all.map(p => p.ours.cpu / p.duck.cpu)),
  };
}

/**
 * `wc -l` of the index as a text listing (`path,size_bytes`, what an object-store listing holds): the floor
 * of reading every row once. The listing is made once beside the index and kept, like the index.
 */
async function wcListing(index: string): Promise<number> {
  const listing = index.replace(/\.parquet$/, '.listing.csv');
  if (!existsSync(listing)) {
    const duck = await openDuck({ memoryLimit: '1GB' });
    try {
      await duck.run(
        `COPY (SELECT path, size_bytes FROM read_parquet(${sqlText(index)})) TO ${sqlText(`${listing}.tmp`)} ` +
          '(FORMAT csv, HEADER false)',
      );
    } finally {
      duck.close();
    }
    renameSync(`${listing}.tmp`, listing);
  }
  const start = process.hrtime.bigint();
  const result = spawnSync('wc', ['-l', listing], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`wc -l failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Times `slice INDEX --percent 10` (each engine) and DuckDB's own query, for each size. */
export async function indexBench(sizes: readonly number[]): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'k400-bench-index-'));
  const rssFile = join(work, 'rss');
  try {
    for (const clips of sizes) {
      console.log('');
      const made = process.hrtime.bigint();
      const index = await syntheticIndex(clips);
      console.log(`index ready in ${(Number(process.hrtime.bigint() - made) / 1e9).toFixed(0)} s`);
      console.log(`index: ${clips.toLocaleString('en-US')} clips, ${index}`);
      const runs = clips <= 1_000_000 ? 7 : 1;
      const queryFile = join(work, 'query.sql');
      const printed = spawnSync(
        process.execPath,
        [join(here, '..', '..', 'bin', 'k400-slice.js'), 'sql', index, '--percent', '10'],
        {
          encoding: 'utf8',
        },
      );
      writeFileSync(queryFile, printed.stdout);
      const line = (name: string, r: Timing): void =>
        console.log(
          `${name.padEnd(48)}${r.seconds.toFixed(2)} s   ${(r.rss / 1e6).toFixed(0)} MB   cpu ${r.cpu.toFixed(2)} s`,
        );
      const wc = await wcListing(index);
      console.log(`${'wc -l of the listing (path,size)'.padEnd(48)}${wc.toFixed(2)} s`);
      const slice = (engine: string) => () =>
        timed(
          [
            join(here, 'peak-rss.js'),
            'slice',
            index,
            '--percent',
            '10',
            '--engine',
            engine,
            '-o',
            join(work, 'm.csv'),
            '-q',
          ],
          // Node's own heap limit: at 10^8 clips the 10^7 selected rows pass through a chunk at a time.
          {},
          rssFile,
        );
      const own = () => timed([join(here, 'duckdb-query.js'), queryFile, join(work, 'duck.csv')], {}, rssFile);
      const measured = pairs(runs, own, slice('auto'));
      const { duck, ours } = measured;
      console.log(`medians of ${runs} pairs, each DuckDB's own run then the tool's:`);
      line('DuckDB, its own query on the Parquet file', duck);
      line('k400-slice slice INDEX --percent 10 (auto)', ours);
      if (clips <= 1_000_000)
        line('k400-slice slice INDEX --percent 10 --engine js', medianRun([1, 2, 3].map(slice('js'))));
      const target = TARGETS[clips];
      if (target !== undefined) {
        const ratio = measured.ratio;
        console.log(
          `k400-slice / DuckDB (median of the pairs' ratios): ${ratio.toFixed(2)}x wall, ` +
            `${measured.cpu.toFixed(2)}x cpu (${timeTarget(ratio, target.ratio)}); ` +
            `peak ${(ours.rss / 1e6).toFixed(0)} MB ` +
            `(target <= ${target.rss / 1e6} MB: ${verdict(ours.rss <= target.rss)}); ` +
            `${(ours.seconds / wc).toFixed(1)}x wc -l`,
        );
        // Node and DuckDB loaded hold about 70 MB before any row, and DuckDB's own query on the 650,000-clip index
        // peaks above 200 MB by itself: the nearest honest memory target is DuckDB's own peak on the same query.
        const memory = ours.rss / duck.rss;
        console.log(
          `k400-slice / DuckDB peak RSS: ${memory.toFixed(2)}x (${(ours.rss / 1e6).toFixed(0)} MB against ` +
            `${(duck.rss / 1e6).toFixed(0)} MB; target <= 1.0x: ${verdict(memory <= 1)})`,
        );
      }
      const rows = countLines(join(work, 'm.csv')) - 1;
      console.log(`rows: ${rows.toLocaleString('en-US')}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Lines of a file, read a block at a time: a manifest of 10^7 rows is longer than a JavaScript string may be. */
function countLines(path: string): number {
  const fd = openSync(path, 'r');
  const block = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (let read = readSync(fd, block); read > 0; read = readSync(fd, block))
      for (let i = block.indexOf(10); i !== -1 && i < read; i = block.indexOf(10, i + 1)) lines++;
  } finally {
    closeSync(fd);
  }
  return lines;
}
