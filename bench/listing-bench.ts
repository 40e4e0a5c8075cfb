import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticListings } from './synthetic-listings.js';
import { median, verdict } from './timing.js';

// Slicing a bucket listing against slicing the tree it lists (issue 12): the same 650,000 keys as each text
// format prints them, `slice LISTING --prefix ... --percent 10` beside `slice ROOT --percent 10`. A listing
// needs no stat, so it should be no slower than the tree and hold less. The commands take turns, round after
// round, so a busy machine slows them alike; medians of RUNS. Each listing's manifest must be the tree's.

const RUNS = 3;
const TARGET = { ratio: 1.0, rss: 200e6 };

const here = fileURLToPath(new URL('.', import.meta.url));

interface Timed {
  readonly seconds: number;
  readonly rss: number;
  /** CPU seconds of every thread: the steadier figure on a machine others share. */
  readonly cpu: number;
}

/** Times the tree's slice and each listing's, taking turns; prints each listing against the targets. */
export function listingBench(root: string, total: number): void {
  const listings = syntheticListings(total);
  const work = mkdtempSync(join(tmpdir(), 'k400-bench-listing-'));
  const devNull = openSync('/dev/null', 'w');
  const rssFile = join(work, 'rss');
  const slice = (name: string, args: readonly string[]): Timed => {
    const start = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      [join(here, 'peak-rss.js'), 'slice', ...args, '--percent', '10', '-o', join(work, `${name}.csv`), '--quiet'],
      { stdio: ['ignore', devNull, 'pipe'], env: { ...process.env, K400_BENCH_RSS_FILE: rssFile } },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`slice ${args.join(' ')} failed: ${result.stderr.toString()}`);
    return {
      seconds,
      rss: Number(readFileSync(rssFile, 'utf8')),
      cpu: Number(readFileSync(`${rssFile}.cpu`, 'utf8')),
    };
  };
  const commands: Record<string, () => Timed> = { tree: () => slice('tree', [root]) };
  for (const { format, file, prefix } of listings) commands[format] = () => slice(format, [file, '--prefix', prefix]);
  const names = Object.keys(commands);
  const runs = new Map<string, Timed[]>(names.map(name => [name, []]));
  const manifests = new Map<string, string>();
  try {
    // The first round warms the page cache, as every later round has it.
    for (let round = 0; round <= RUNS; round++) {
      for (const name of names) {
        const timed = (commands[name] as () => Timed)();
        if (round > 0) runs.get(name)?.push(timed);
        if (round === 0) manifests.set(name, readFileSync(join(work, `${name}.csv`), 'utf8'));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const of = (name: string, pick: (t: Timed) => number): number => median((runs.get(name) ?? []).map(pick));
  console.log('');
  console.log(`listings of the ${total.toLocaleString('en-US')}-file tree: slice --percent 10, medians of ${RUNS}`);
  for (const name of names) {
    const label = name === 'tree' ? 'slice ROOT' : `slice ${name} --prefix`;
    const seconds = of(name, t => t.seconds);
    const rss = of(name, t => t.rss) / 1e6;
    console.log(
      `${label.padEnd(30)}${seconds.toFixed(3).padStart(8)} s ${of(name, t => t.cpu)
        .toFixed(2)
        .padStart(7)} cpu s` + `${rss.toFixed(0).padStart(6)} MB`,
    );
  }
  const tree = of('tree', t => t.seconds);
  const treeCpu = of('tree', t => t.cpu);
  for (const name of names.slice(1)) {
    const ratio = of(name, t => t.seconds) / tree;
    const rss = of(name, t => t.rss);
    const same = manifests.get(name) === manifests.get('tree');
    console.log(
      `${`${name} / tree:`.padEnd(30)}${`${ratio.toFixed(2)}x`.padStart(8)}   ` +
        `(target <= ${TARGET.ratio}x: ${verdict(ratio <= TARGET.ratio)}; ` +
        `cpu ${(of(name, t => t.cpu) / treeCpu).toFixed(2)}x)   ` +
        `${(rss / 1e6).toFixed(0)} MB (target <= ${TARGET.rss / 1e6} MB: ${verdict(rss <= TARGET.rss)})` +
        `${same ? '' : '   MANIFEST DIFFERS FROM THE TREE'}`,
    );
  }
}
