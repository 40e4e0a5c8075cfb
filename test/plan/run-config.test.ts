import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { run } from './plan-helpers.js';

describe('run configs that plan downloads', () => {
  it('a config with annotations and no source slices the annotations alone, paths relative to it', async () => {
    const dir = tempDir();
    copyFileSync(fixture('plan', 'k400-val-official.csv'), join(dir, 'val.csv'));
    mkdirSync(join(dir, 'plans'));
    const config = {
      annotations: ['val.csv'],
      seed: 3,
      slices: {
        ten: { percent: 25, spare: '20%', output: 'plans/ten.sh' },
        csv: { perClass: 4, output: 'plans/four.csv' },
      },
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(config));
    const result = await run(['run', join(dir, 'plan.json')]);
    assert.equal(result.status, 0, result.stderr);
    const script = readFileSync(join(dir, 'plans', 'ten.sh'), 'utf8');
    assert.equal(script.split('\n').filter(line => line.startsWith('yt-dlp ')).length, 20);
    // The same plan from the command line: 25% of 12 is 3 a class, and 20% of 3 rounds up to 1 spare.
    const cli = await run(['slice', '--annotations', join(dir, 'val.csv'), '--seed', '3', '--per-class', '4']);
    assert.equal(readFileSync(join(dir, 'plans', 'four.csv'), 'utf8'), cli.stdout);
    const check = await run(['run', join(dir, 'plan.json'), '--check']);
    assert.equal(check.status, 0, check.stderr);
  });

  it('a slice with neither source nor annotations is named', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ slices: { ten: { percent: 10, output: 'x.csv' } } }));
    const result = await run(['run', join(dir, 'plan.json')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /slices\.ten\.source: required, here or at the top level \(or annotations/);
  });
});
