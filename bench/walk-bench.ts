import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, verdict } from './timing.js';

// Reading a root (issue 11): `slice` and `scan` of the synthetic Kinetics-700 tree against the floor of a walk
// that reads every size, `find ROOT -type f -printf '%s %p\n'` (a stat a file, in C), and `--version`'s
// start-up. The commands take turns, round after round, so a busy machine slows them alike; medians of 5.

const RUNS = 5;
const TARGETS = {
  slice: { ratio: 2.0, rss: 200e6 },
  scan: { ratio: 2.5, rss: 250e6 },
  versionMs: 120,
};

const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', '..', 'bin', 'k400-slice.js');

interface Timed {
  readonly seconds: number;
  /** Peak resident memory of the process, worker threads included; 0 when not measured. */
  readonly rss: number;
  /** CPU seconds of every thread of the process, the steadier figure on a shared machine; 0 when not measured. */
  readonly cpu: number;
}

/** Times the commands of a root, each RUNS times after one warm-up, taking turns; prints each against its target. */
export function walkBench(root: string): void {
  const work = mkdtempSync(join(tmpdir(), 'k400-bench-walk-'));
  const devNull = openSync('/dev/null', 'w');
  const rssFile = join(work, 'rss');
  const run = (command: string, args: readonly string[], rss: boolean): Timed => {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, {
      stdio: ['ignore', devNull, 'pipe'],
      env: { ...process.env, K400_BENCH_RSS_FILE: rssFile },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString()}`);
    if (!rss) return { seconds, rss: 0, cpu: 0 };
    return { seconds, rss: Number(readFileSync(rssFile, 'utf8')), cpu: Number(readFileSync(`${rssFile}.cpu`, 'utf8')) };
  };
  const k400 = (...args: string[]): Timed => run(process.execPath, [join(here, 'peak-rss.js'), ...args], true);
  const commands: Record<string, () => Timed> = {
    "find ROOT -type f -printf '%s %p\\n'": () => run('find', [root, '-type', 'f', '-printf', '%s %p\\n'], false),
    'node: readdir + stat, on the scan threads': () =>
      run(process.execPath, [join(here, 'floor-walk.js'), root, 'stat'], false),
    'k400-slice slice ROOT --percent 10 -o FILE': () =>
      k400('slice', root, '--percent', '10', '-o', join(work, 'slice.csv'), '--quiet'),
    'k400-slice scan ROOT -o INDEX': () => k400('scan', root, '-o', join(work, 'index.jsonl'), '--quiet'),
    'k400-slice --version': () => run(process.execPath, [bin, '--version'], false),
  };
  const names = Object.keys(commands);
  const runs = new Map<string, Timed[]>(names.map(name => [name, []]));
  try {
    // The first round warms the page and dentry caches, as every later round has them.
    for (let round = 0; round <= RUNS; round++) {
      for (const name of names) {
        const timed = (commands[name] as () => Timed)();
        if (round > 0) runs.get(name)?.push(timed);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = (name: string): number => median((runs.get(name) ?? []).map(t => t.seconds));
  const rss = (name: string): number => median((runs.get(name) ?? []).map(t => t.rss));
  const cpu = (name: string): number => median((runs.get(name) ?? []).map(t => t.cpu));
  for (const name of names) {
    const all = (runs.get(name) ?? []).map(t => t.seconds.toFixed(3)).join(', ');
    const used = cpu(name) > 0 ? `, cpu ${cpu(name).toFixed(2)} s` : '';
    console.log(`${name.padEnd(44)} median ${seconds(name).toFixed(3)} s   (runs: ${all}${used})`);
  }
  const floor = seconds(names[0] as string);
  const line = (name: string, value: string, target: string, ok: boolean): void =>
    console.log(`${name.padEnd(30)}${value.padStart(8)}   (target ${target}: ${verdict(ok)})`);
  console.log('');
  const nodeFloor = seconds(names[1] as string) / floor;
  console.log(`${'node readdir+stat / floor:'.padEnd(30)}${`${nodeFloor.toFixed(2)}x`.padStart(8)}   (information)`);
  for (const [key, name] of [
    ['slice', names[2]],
    ['scan', names[3]],
  ] as const) {
    const target = TARGETS[key];
    const ratio = seconds(name as string) / floor;
    const peak = rss(name as string);
    line(`k400-slice ${key} / floor:`, `${ratio.toFixed(2)}x`, `<= ${target.ratio}x`, ratio <= target.ratio);
    line(`peak RSS of ${key}:`, `${(peak / 1e6).toFixed(0)} MB`, `<= ${target.rss / 1e6} MB`, peak <= target.rss);
  }
  const ms = seconds(names[4] as string) * 1000;
  line('--version start-up:', `${ms.toFixed(0)} ms`, `< ${TARGETS.versionMs} ms`, ms < TARGETS.versionMs);
}
