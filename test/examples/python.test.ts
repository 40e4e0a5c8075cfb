import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../helpers/paths.js';

// The interpreter python3 names, asked once: a version manager's shim (pyenv's) costs half a CPU-second a start.
const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
const python = probe.status === 0 ? probe.stdout.trim() || 'python3' : null;

describe('examples/pytorch (Python)', () => {
  it('reads manifests with the standard library (the torch half runs where torch is installed)', t => {
    if (python === null) {
      t.skip('python3 is not installed: the PyTorch example is not tested here');
      return;
    }
    const run = spawnSync(
      python,
      ['-m', 'unittest', 'discover', '-s', join(PACKAGE_ROOT, 'examples', 'pytorch'), '-v'],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^OK/m);
    for (const line of run.stderr.split('\n').filter(l => l.includes('skipped'))) t.diagnostic(line.trim());
  });
});
