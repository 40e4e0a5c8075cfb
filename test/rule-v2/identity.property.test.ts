import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clipIdOf } from '../../src/scan/clip-name.js';
import { keepFirst } from '../../src/source/duplicates.js';
import { loadSource } from '../../src/source/load.js';
import { csvRows, k400InProcess } from '../helpers/slice-in-process.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const classNames = fc.uniqueArray(fc.constantFrom('abseiling', 'air drumming', 'zumba', 'yoga', 'bowling'), {
  minLength: 1,
  maxLength: 4,
});

describe('rule v2: clip identity', () => {
  it('knows a file not named like a Kinetics clip by its path below the split folder', () => {
    assert.equal(clipIdOf('0001.mp4', 'abseiling'), 'abseiling/0001');
    assert.equal(clipIdOf('take 2/0001.mp4', 'abseiling'), 'abseiling/take 2/0001');
    assert.equal(clipIdOf('sub/abcdefghijk_000001_000011.mp4', 'abseiling'), 'abcdefghijk_000001_000011');
    assert.equal(clipIdOf('0001.mp4'), '0001');
  });

  it('keeps every clip of a dataset that numbers its clips per class', async () => {
    await fc.assert(
      fc.asyncProperty(
        classNames,
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        async (labels, counts, splits) => {
          const dir = tempDir();
          const files: Record<string, number> = {};
          labels.forEach((label, i) => {
            for (let n = 1; n <= (counts[i] as number); n++)
              files[`${splits ? 'train/' : ''}${label}/${String(n).padStart(4, '0')}.mp4`] = 10 + n;
          });
          writeTree(dir, files);
          const source = await loadSource(dir);
          assert.equal(source.clips.length, Object.keys(files).length);
          assert.equal(source.report.tally.totals.duplicates, 0);
          const result = await k400InProcess(['slice', dir, '-o', '-', '--quiet']);
          assert.equal(result.status, 0, result.stderr);
          const rows = csvRows(result.stdout);
          assert.equal(rows.length, Object.keys(files).length);
          for (const row of rows)
            assert.equal(row.clip_id, `${row.label}/${(row.path ?? '').split('/').pop()?.slice(0, 4)}`);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('keeps a non-empty copy over an empty one, whatever their paths', async () => {
    const id = 'abcdefghijk_000001_000011';
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c/d', 'replacement', 'e'), { minLength: 2, maxLength: 4 }),
        fc.nat(),
        async (places, pick) => {
          const good = places[pick % places.length] as string;
          const dir = tempDir();
          // A CVDF-like flat split: every copy of one clip somewhere below train/, one of them not empty.
          writeTree(dir, Object.fromEntries(places.map(p => [`train/x/${p}/${id}.mp4`, p === good ? 7 : 0])));
          const source = await loadSource(dir);
          const kept = source.clips.filter(clip => clip.clipId === id);
          assert.equal(kept.length, 1);
          assert.equal(kept[0]?.path, `train/x/${good}/${id}.mp4`);
          assert.equal(source.report.tally.totals.duplicates, places.length - 1);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('orders copies: usable, then replacement/, then the first path', () => {
    const copy = (path: string, sizeBytes: number, corrupt = false) => ({
      path,
      sizeBytes,
      probe: corrupt ? ({ status: 'corrupt' } as never) : null,
    });
    const sorted = [
      copy('a/x.mp4', 0),
      copy('replacement/x.mp4', 5, true),
      copy('b/x.mp4', 5),
      copy('replacement/y/x.mp4', 5),
      copy('a/y.mp4', 5),
    ].sort(keepFirst);
    assert.deepEqual(
      sorted.map(c => c.path),
      ['replacement/y/x.mp4', 'a/y.mp4', 'b/x.mp4', 'replacement/x.mp4', 'a/x.mp4'],
    );
  });
});
