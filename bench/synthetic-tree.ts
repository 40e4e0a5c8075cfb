import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A deterministic generator (a 32-bit LCG): the tree is the same on every machine. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A tree shaped like Kinetics-700: 700 class folders, `total` files named `{youtube_id}_{start}_{end}.mp4`.
 * Files are sparse (a size, no data blocks), so 650,000 of them take little disk. Built once, in the OS temp
 * folder, and reused while its `.complete` marker exists.
 */
export function syntheticKinetics700(total = 650_000, classes = 700): string {
  const root = join(tmpdir(), `k400-slice-bench-k700-${total}`);
  if (existsSync(join(root, '.complete'))) return root;
  rmSync(root, { recursive: true, force: true });
  const random = lcg(700);
  process.stderr.write(`building ${total.toLocaleString('en-US')} files in ${root} (once) ...\n`);
  for (let c = 0; c < classes; c++) {
    const dir = join(root, `class ${String(c).padStart(3, '0')} (synthetic)`);
    mkdirSync(dir, { recursive: true });
    const n = Math.floor(total / classes) + (c < total % classes ? 1 : 0);
    for (let i = 0; i < n; i++) {
      let id = '';
      for (let j = 0; j < 11; j++) id += ID_CHARS[Math.floor(random() * 64)];
      const start = Math.floor(random() * 900);
      const name = `${id}_${String(start).padStart(6, '0')}_${String(start + 10).padStart(6, '0')}.mp4`;
      const fd = openSync(join(dir, name), 'w');
      ftruncateSync(fd, 200_000 + Math.floor(random() * 2_000_000));
      closeSync(fd);
    }
  }
  writeFileSync(join(root, '.complete'), '');
  return root;
}
