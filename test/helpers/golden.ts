import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fixture } from './paths.js';
import { tempDir } from './temp.js';

/**
 * A folder laid out like the package's `fixtures/` (the dataset linked, `golden/` empty): run from it with
 * `-o fixtures/golden/<name>`, a manifest records the same root relative to itself as the golden files do.
 */
export function goldenProject(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'fixtures', 'golden'), { recursive: true });
  symlinkSync(fixture('kinetics-mini'), join(dir, 'fixtures', 'kinetics-mini'));
  return dir;
}
