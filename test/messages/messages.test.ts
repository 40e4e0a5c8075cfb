import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { abbreviateWarning } from '../../src/commands/long-warning.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');

describe('messages a newcomer reads', () => {
  it('a long list in a warning names the first five, the count, and the report that holds it whole', async () => {
    const long = `11 classes are short: ${Array.from({ length: 11 }, (_, i) => `c${i} (1)`).join(', ')}`;
    assert.equal(
      abbreviateWarning(long, 'r.json'),
      '11 classes are short: c0 (1), c1 (1), c2 (1), c3 (1), c4 (1) and 6 more (all of them in r.json)',
    );
    assert.match(abbreviateWarning(long, undefined), /and 6 more \(add --report FILE for the full list\)$/);
    assert.equal(abbreviateWarning('3 are short: a, b, c', undefined), '3 are short: a, b, c');
    const dir = tempDir();
    const report = join(dir, 'r.json');
    const run = await runMain(['slice', MINI, '--per-class', '40', '--report', report, '-o', join(dir, 'm.csv')]);
    assert.equal(run.status, 0, run.stderr);
    const warning = run.stderr.split('\n').find(line => line.includes('kept whole')) ?? '';
    assert.match(warning, /: train\/abseiling \(5\), .* and 6 more \(all of them in .*r\.json\)$/);
    const whole = JSON.parse(readFileSync(report, 'utf8')).warnings as string[];
    assert.equal(whole.length, 1);
    assert.equal((whole[0] as string).split(', ').length, 11);
  });

  it('errors inside run name the slice and the config field, not the command-line flag', async () => {
    const dir = tempDir();
    writeTree(dir, { 'classes.txt': 'abseilin\n' });
    const config = {
      source: MINI,
      slices: {
        ok: { percent: 10, output: 'ok.csv' },
        typo: { percent: 10, classesFile: 'classes.txt', output: 'typo.csv' },
      },
    };
    writeFileSync(join(dir, 'slices.json'), JSON.stringify(config));
    const run = await runMain(['run', join(dir, 'slices.json')]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /^k400-slice: error: config .*slices\.json: slices\.typo: classesFile: no class named 'abseilin'/,
    );
    assert.doesNotMatch(run.stderr, /--classes/);
    writeFileSync(
      join(dir, 'slices.json'),
      JSON.stringify({ ...config, slices: { big: { count: 1000, output: 'b.csv' } } }),
    );
    const big = await runMain(['run', join(dir, 'slices.json')]);
    assert.match(big.stderr, /slices\.big: count 1000: .*allowFewer/);
  });

  it('refuses an option-looking value (--seed -q) instead of taking it as the seed', async () => {
    const run = await runMain(['slice', MINI, '--seed', '-q', '--count', '3']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--seed: got '-q', which looks like an option/);
    assert.equal((await runMain(['slice', MINI, '--seed', '-1', '--count', '3', '-q'])).status, 0);
  });

  it('the DALI hint says to keep the label indices with --label-map', async () => {
    const run = await runMain(['slice', MINI, '--split', 'val', '--format', 'dali']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /materialize it into folders without spaces, and slice that tree with --label-map/);
  });
});
