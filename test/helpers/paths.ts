import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this compiled file (dist/test/helpers/paths.js). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(PACKAGE_ROOT, 'bin', 'k400-slice.js');

export function fixture(...parts: string[]): string {
  return join(PACKAGE_ROOT, 'fixtures', ...parts);
}
