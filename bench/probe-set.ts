import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/kinetics-mini/', import.meta.url));

function videosBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return videosBelow(path);
    return /\.(mp4|mkv|webm|mov)$/i.test(entry.name) && !entry.name.startsWith('.') ? [path] : [];
  });
}

/**
 * A few thousand small real clips for the probe benchmark: copies of the fixture clips (MP4, MOV, MKV, WebM;
 * no ffmpeg needed), spread over 40 class folders. Built once in the OS temp folder.
 */
export function probeSet(total = 3200): string {
  const root = join(tmpdir(), `k400-slice-bench-probe-${total}`);
  if (existsSync(join(root, '.complete'))) return root;
  rmSync(root, { recursive: true, force: true });
  const sources = videosBelow(FIXTURES).sort();
  for (let i = 0; i < total; i++) {
    const source = sources[i % sources.length] as string;
    const folder = join(root, `class ${String(i % 40).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    copyFileSync(source, join(folder, `clip${String(i).padStart(5, '0')}${source.slice(source.lastIndexOf('.'))}`));
  }
  writeFileSync(join(root, '.complete'), '');
  return root;
}
