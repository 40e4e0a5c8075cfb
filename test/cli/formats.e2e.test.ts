import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { manifestJsonSchema } from '../../src/manifest/json-schema.js';
import { runMain } from '../helpers/in-process.js';
import { fixture, PACKAGE_ROOT } from '../helpers/paths.js';

describe('consumer formats (end to end)', () => {
  for (const format of ['mmaction', 'pytorchvideo', 'dali']) {
    it(`${format}: 'path label_index' lines, pinned by a golden file`, async () => {
      const run = await runMain([
        'slice',
        'fixtures/cvdf-mini',
        '--split',
        'val',
        '--per-class',
        '2',
        '--format',
        format,
        '-q',
      ]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, readFileSync(fixture('golden', `cvdf-mini-val-per-class-2.${format}.txt`), 'utf8'));
    });
  }

  it('refuses paths with spaces, naming the rows, unless --separator names another character', async () => {
    const spaced = await runMain([
      'slice',
      'fixtures/kinetics-mini',
      '--split',
      'val',
      '--per-class',
      '1',
      '--format',
      'pytorchvideo',
    ]);
    assert.equal(spaced.status, 2);
    assert.equal(
      spaced.stderr,
      'k400-slice: error: --format pytorchvideo: rows 2, 3, 4, 5, 6 have paths with a space, which the reader ' +
        "would split (pass --separator ',' (and SlowFast DATA.PATH_LABEL_SEPARATOR ','), or paths without spaces)\n",
    );
    const tab = await runMain([
      'slice',
      'fixtures/kinetics-mini',
      '--split',
      'val',
      '--per-class',
      '1',
      '--format',
      'mmaction',
      '--separator',
      '\\t',
      '-q',
    ]);
    assert.equal(tab.status, 0);
    assert.equal(tab.stdout.split('\n')[1], 'val/air drumming/cNEbXZs4e2T_000111_000121.mp4\t1');
    const dali = await runMain([
      'slice',
      'fixtures/kinetics-mini',
      '--split',
      'val',
      '--per-class',
      '1',
      '--format',
      'dali',
    ]);
    assert.equal(dali.status, 2);
    assert.match(dali.stderr, /^k400-slice: error: --format dali: rows 2, 3, 4, 5, 6 have paths with whitespace/);
    assert.equal(
      (await runMain(['slice', 'fixtures/kinetics-mini', '--format', 'dali', '--separator', ','])).stderr,
      'k400-slice: error: --separator only applies to --format mmaction or pytorchvideo (DALI splits on any ' +
        'whitespace)\n',
    );
  });

  it('refuses clips without a label index (a test split) in list formats', async () => {
    const run = await runMain(['slice', 'fixtures/cvdf-mini', '--split', 'test', '--count', '2', '--format', 'dali']);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'k400-slice: error: --format dali: rows 1, 2 have no label index (slice labelled clips only (a test split ' +
        'has none), or write csv)\n',
    );
  });
});

describe('manifest schema', () => {
  it(
    'k400-slice schema prints the JSON Schema generated from ' + 'the zod schema, equal to the committed file',
    async () => {
      const printed = (await runMain(['schema'])).stdout;
      assert.equal(printed, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
      assert.equal(
        readFileSync(join(PACKAGE_ROOT, 'schema', 'manifest.schema.json'), 'utf8'),
        printed,
        'schema/manifest.schema.json is stale: k400-slice schema > schema/manifest.schema.json',
      );
      const schema = JSON.parse(printed) as { $defs: Record<string, { properties: Record<string, unknown> }> };
      assert.deepEqual(Object.keys(schema.$defs.clip?.properties ?? {}), [
        'path',
        'label',
        'label_index',
        'clip_id',
        'youtube_id',
        'time_start',
        'time_end',
        'split',
        'size_bytes',
        'duration_s',
        'fps',
        'num_frames',
        'width',
        'height',
        'codec',
      ]);
    },
  );
});
