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

/** One class folder of the synthetic tree: its name and its files' names and sizes, in the order made. */
export interface SyntheticClass {
  readonly folder: string;
  readonly names: string[];
  readonly sizes: number[];
}

/**
 * The files of a tree shaped like Kinetics-700, a class at a time: 700 class folders, `total` files named
 * `{youtube_id}_{start}_{end}.mp4`. The tree and its listings (synthetic-listings.ts) are both made from it.
 */
export function* syntheticClasses(total = 650_000, classes = 700): Generator<SyntheticClass> {
  const random = lcg(700);
  for (let c = 0; c < classes; c++) {
    const folder = `class ${String(c).padStart(3, '0')} (synthetic)`;
    const n = Math.floor(total / classes) + (c < total % classes ? 1 : 0);
    const names: string[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < n; i++) {
      let id = '';
      for (let j = 0; j < 11; j++) id += ID_CHARS[Math.floor(random() * 64)];
      const start = Math.floor(random() * 900);
      names.push(`${id}_${String(start).padStart(6, '0')}_${String(start + 10).padStart(6, '0')}.mp4`);
      sizes.push(200_000 + Math.floor(random() * 2_000_000));
    }
    yield { folder, names, sizes };
  }
}

/**
 * A tree shaped like Kinetics-700 (see syntheticClasses). Files are sparse (a size, no data blocks), so
 * 650,000 of them take little disk. Built once, in the OS temp folder, and reused while its `.complete`
 * marker exists.
 */
export function syntheticKinetics700(total = 650_000, classes = 700): string {
  const root = join(tmpdir(), `k400-slice-bench-k700-${total}`);
  if (existsSync(join(root, '.complete'))) return root;
  rmSync(root, { recursive: true, force: true });
  process.stderr.write(`building ${total.toLocaleString('en-US')} files in ${root} (once) ...\n`);
  for (const { folder, names, sizes } of syntheticClasses(total, classes)) {
    const dir = join(root, folder);
    mkdirSync(dir, { recursive: true });
    names.forEach((name, i) => {
      const fd = openSync(join(dir, name), 'w');
      ftruncateSync(fd, sizes[i] as number);
      closeSync(fd);
    });
  }
  writeFileSync(join(root, '.complete'), '');
  return root;
}
