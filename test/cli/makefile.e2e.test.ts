import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, fixture, PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const HAS_MAKE = spawnSync('make', ['--version'], { encoding: 'utf8' }).stdout?.startsWith('GNU Make') === true;

/** README's Makefile, with k400-slice a wrapper that logs each call and training a `cat`. */
function readmeMakefile(): string {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const block = /```make\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block !== undefined, 'README has a make block');
  return block
    .replaceAll('k400-slice ', './k400-slice ')
    .replace(/\tpython train\.py.*\n/, '\tcat $^ > $@; echo trained >> trained.log\n');
}

const CONFIG = {
  source: 'k400.index.jsonl',
  seed: 0,
  slices: {
    ten: { percent: 10, output: 'manifests/k400-10pct.csv' },
    tv: { percent: 50, splits: { train: 90, val: 10 }, output: 'manifests/k400-tv-{split}.csv' },
  },
};

describe("README's Makefile (GNU make)", () => {
  it('runs k400-slice run once after a touch of the config, rebuilds nothing downstream, and remakes a lost manifest', {
    skip: HAS_MAKE ? false : 'GNU make is not on this machine: try the Makefile by hand',
  }, () => {
    const dir = tempDir();
    cpSync(fixture('kinetics-mini'), join(dir, 'data', 'k400'), { recursive: true });
    writeFileSync(join(dir, 'slices.json'), JSON.stringify(CONFIG));
    writeFileSync(join(dir, 'Makefile'), readmeMakefile());
    const wrapper = `#!/bin/sh\necho "$1" >> calls.log\nexec '${process.execPath}' '${BIN}' "$@" -q\n`;
    writeFileSync(join(dir, 'k400-slice'), wrapper);
    chmodSync(join(dir, 'k400-slice'), 0o755);
    const make = (): void => {
      const run = spawnSync('make', ['-s', 'model.pt'], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
    };
    const log = (name: string): string[] => {
      try {
        return readFileSync(join(dir, name), 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    };
    // Make compares times: put everything made so far an hour back, as if made earlier.
    const age = (): void => {
      const past = new Date(Date.now() - 3_600_000);
      for (const name of ['slices.json', 'k400.index.jsonl', 'manifests.stamp', 'model.pt'])
        utimesSync(join(dir, name), past, past);
      for (const name of ['k400-10pct.csv', 'k400-tv-train.csv', 'k400-tv-val.csv'])
        utimesSync(join(dir, 'manifests', name), past, past);
    };
    make();
    assert.deepEqual(log('calls.log'), ['scan', 'run']);
    assert.deepEqual(log('trained.log'), ['trained']);
    age();
    make();
    assert.deepEqual(log('calls.log'), ['scan', 'run'], 'nothing changed: nothing runs');
    utimesSync(join(dir, 'slices.json'), new Date(), new Date());
    make();
    assert.deepEqual(log('calls.log'), ['scan', 'run', 'run'], 'a touched config runs once');
    assert.deepEqual(log('trained.log'), ['trained'], 'the manifests kept their bytes and time');
    make();
    assert.deepEqual(log('calls.log'), ['scan', 'run', 'run'], 'and not again');
    rmSync(join(dir, 'manifests', 'k400-tv-val.csv'));
    make();
    assert.deepEqual(log('calls.log'), ['scan', 'run', 'run', 'run'], 'a lost manifest is made again');
    assert.ok(statSync(join(dir, 'manifests', 'k400-tv-val.csv')).isFile());
    writeFileSync(join(dir, 'slices.json'), JSON.stringify({ ...CONFIG, seed: 1 }));
    make();
    assert.equal(log('calls.log').length, 5);
    assert.deepEqual(log('trained.log'), ['trained', 'trained', 'trained'], 'new manifests retrain');
  });
});
