import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../helpers/paths.js';

const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });

describe('examples/pytorch (Python)', () => {
  it('reads manifests with the standard library (the torch half runs where torch is installed)', t => {
    if (python.status !== 0) {
      t.skip('python3 is not installed: the PyTorch example is not tested here');
      return;
    }
    const run = spawnSync(
      'python3',
      ['-m', 'unittest', 'discover', '-s', join(PACKAGE_ROOT, 'examples', 'pytorch'), '-v'],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^OK/m);
    for (const line of run.stderr.split('\n').filter(l => l.includes('skipped'))) t.diagnostic(line.trim());
  });
});
