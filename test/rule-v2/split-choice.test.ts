import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';
import { csvRows, k400InProcess } from '../helpers/slice-in-process.js';

describe('--split lists and aliases', () => {
  it('reads validate as the split val, from a root and from annotations', async () => {
    for (const root of [fixture('kinetics-mini'), fixture('cvdf-mini')]) {
      const val = await loadSource(root, { split: 'val' });
      const validate = await loadSource(root, { split: 'validate' });
      assert.deepEqual(validate.clips.map(c => c.path).sort(), val.clips.map(c => c.path).sort());
      assert.ok(val.clips.length > 0);
    }
  });

  it('reads several splits at once, and records them as the source names them', async () => {
    const both = await k400InProcess(['slice', fixture('cvdf-mini'), '--split', 'train,validate', '-o', '-']);
    assert.equal(both.status, 0, both.stderr);
    const splits = new Set(csvRows(both.stdout).map(row => row.split));
    assert.deepEqual([...splits].sort(), ['train', 'val']);
    const all = await loadSource(fixture('cvdf-mini'));
    const two = await loadSource(fixture('cvdf-mini'), { split: 'val,train' });
    assert.equal(two.clips.length, all.clips.filter(c => c.split !== 'test').length);
  });

  it('refuses an empty name in the list, naming what was given', async () => {
    for (const split of [',', 'train,', ',val', 'train,,val', ' ']) {
      await assert.rejects(
        loadSource(fixture('kinetics-mini'), { split }),
        (e: unknown) => e instanceof UsageError && e.message === `--split '${split}': a split name is empty`,
      );
    }
  });

  it('names the unknown one in a list', async () => {
    await assert.rejects(
      loadSource(fixture('kinetics-mini'), { split: 'train,valid' }),
      (e: unknown) => e instanceof UsageError && /--split valid: no such split folder/.test(e.message),
    );
  });
});
