import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

// The least a Node program can do to read what the input fingerprint needs: list every class folder and
// stat every file in it, on as many threads as k400-slice uses, and nothing else (no keys, no output).
// `node floor-walk.js ROOT [stat|names]`: `names` lists the folders without a stat.

function walk(root: string, folders: readonly string[], stat: boolean): number {
  let total = 0;
  for (const folder of folders) {
    for (const name of readdirSync(`${root}/${folder}`)) total += stat ? statSync(`${root}/${folder}/${name}`).size : 1;
  }
  return total;
}

if (isMainThread) {
  const [root, mode = 'stat'] = process.argv.slice(2) as [string, string?];
  const folders = readdirSync(root)
    .filter(name => !name.startsWith('.'))
    .sort();
  const threads = Math.min(8, availableParallelism());
  const shares = Array.from({ length: threads }, (_, t) => folders.filter((_, i) => i % threads === t));
  const totals = await Promise.all(
    shares.map(
      share =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { root, share, stat: mode === 'stat' } });
          worker.once('message', resolve).once('error', reject);
        }),
    ),
  );
  console.log(totals.reduce((a, b) => a + b, 0));
} else {
  const { root, share, stat } = workerData as { root: string; share: string[]; stat: boolean };
  parentPort?.postMessage(walk(root, share, stat));
}
