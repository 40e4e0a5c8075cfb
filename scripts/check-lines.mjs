// Fails when a source line is longer than 120 characters: Biome wraps code but cannot split a long
// string, so the house width is checked here too. Run by `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT = 120;
const FOLDERS = ['src', 'test', 'bench', 'scripts', 'bin'];
const EXTENSIONS = /\.(ts|js|mjs|cjs)$/;
const root = new URL('..', import.meta.url).pathname;
const long = [];
for (const folder of FOLDERS) {
  let names = [];
  try {
    names = readdirSync(join(root, folder), { recursive: true }).map(String);
  } catch {
    continue;
  }
  for (const name of names.sort()) {
    if (!EXTENSIONS.test(name)) continue;
    const lines = readFileSync(join(root, folder, name), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if ([...line].length > LIMIT) long.push(`${folder}/${name}:${i + 1}: ${[...line].length} characters`);
    });
  }
}
if (long.length > 0) {
  process.stderr.write(`${long.join('\n')}\n${long.length} lines longer than ${LIMIT} characters\n`);
  process.exit(1);
}
