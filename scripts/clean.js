// Removes the build folder before a build, so a deleted source or test leaves no stale output behind.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
