// Before a build: removes what dist/ holds without a source (a deleted or renamed module or test), so nothing
// stale is left behind, and keeps the rest for `tsc --incremental` (dist/.tsbuildinfo), which then compiles only
// what changed. tsc trusts its build info and does not look for missing outputs: when an output of a current
// source is missing (dist/ removed in part by hand), the build info goes too, and tsc builds everything.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const SOURCES = ['src', 'test', 'bench'];

const list = folder => (existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String) : []);

const expected = new Set(
  SOURCES.flatMap(folder =>
    list(join(root, folder))
      .filter(name => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map(name => join(folder, name.replace(/\.ts$/, '.js'))),
  ),
);
// dist/bundle/ is scripts/bundle.js's, which makes it anew after each build.
for (const name of list(dist).filter(name => !name.startsWith(`bundle${sep}`))) {
  const kept = expected.has(name) || name === '.tsbuildinfo' || !name.endsWith('.js');
  if (!kept) rmSync(join(dist, name), { force: true });
}
if ([...expected].some(name => !existsSync(join(dist, name)))) rmSync(join(dist, '.tsbuildinfo'), { force: true });
