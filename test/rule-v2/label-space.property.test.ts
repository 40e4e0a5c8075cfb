import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareCodePoints } from '../../src/clip.js';
import { csvRows, k400InProcess } from '../helpers/slice-in-process.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const CLASSES = ['abseiling', 'air drumming', 'bowling', 'yoga', 'zumba'];
// Which classes each split holds: every split at least one, and together usually not the same set.
const splitClasses = fc.record({
  train: fc.subarray(CLASSES, { minLength: 1 }),
  val: fc.subarray(CLASSES, { minLength: 1 }),
});

describe('rule v2: one label space for every split', () => {
  it('gives a class the same label_index whichever --split is read, from a root and from an index', async () => {
    await fc.assert(
      fc.asyncProperty(splitClasses, async shape => {
        const dir = tempDir();
        const files: Record<string, number> = {};
        for (const [split, labels] of Object.entries(shape))
          for (const label of labels) files[`data/${split}/${label}/clip-${split}.mp4`] = 5;
        writeTree(dir, files);
        const all = [...new Set([...shape.train, ...shape.val])].sort(compareCodePoints);
        const index = join(dir, 'val.index.jsonl');
        const scanned = await k400InProcess(['scan', join(dir, 'data'), '--split', 'val', '-o', index, '--quiet']);
        assert.equal(scanned.status, 0, scanned.stderr);
        for (const args of [
          ['slice', join(dir, 'data')],
          ['slice', join(dir, 'data'), '--split', 'val'],
          ['slice', join(dir, 'data'), '--split', 'train'],
          ['slice', index],
        ]) {
          const result = await k400InProcess([...args, '-o', '-', '--quiet']);
          assert.equal(result.status, 0, result.stderr);
          for (const row of csvRows(result.stdout))
            assert.equal(Number(row.label_index), all.indexOf(row.label as string), `${args.join(' ')}: ${row.label}`);
        }
      }),
      { numRuns: 20 },
    );
  });
});
