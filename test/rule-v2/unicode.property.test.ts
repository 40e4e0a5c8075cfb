import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { csvRows, k400InProcess } from '../helpers/slice-in-process.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const names = fc.uniqueArray(fc.constantFrom('playing pétanque', 'Écrire', 'zumba', 'café crème', 'naïve'), {
  minLength: 1,
  maxLength: 4,
});

/** Every column but `path`, which keeps the bytes on disk by design. */
function withoutPaths(csv: string): string {
  return csvRows(csv)
    .map(({ path: _path, ...rest }) => JSON.stringify(rest))
    .join('\n');
}

describe('rule v2: Unicode NFC', () => {
  it('gives an NFC and an NFD copy of one dataset the same manifest, paths aside', async () => {
    await fc.assert(
      fc.asyncProperty(names, fc.array(fc.nat({ max: 4 }), { minLength: 5, maxLength: 5 }), async (labels, counts) => {
        const copies = ['NFC', 'NFD'].map(form => {
          const dir = tempDir();
          const files: Record<string, number> = {};
          labels.forEach((label, i) => {
            for (let n = 0; n <= (counts[i] as number); n++)
              files[`train/${label}/clip é${n}.mp4`.normalize(form as 'NFC' | 'NFD')] = 3 + n;
          });
          writeTree(dir, files);
          return dir;
        });
        const [nfc, nfd] = await Promise.all(
          copies.map(dir => k400InProcess(['slice', dir, '--percent', '50', '-o', '-', '--quiet'])),
        );
        assert.equal(nfc?.status, 0, nfc?.stderr);
        assert.equal(withoutPaths(nfd?.stdout ?? ''), withoutPaths(nfc?.stdout ?? ''));
        for (const row of csvRows(nfd?.stdout ?? '')) assert.equal(row.label, row.label?.normalize('NFC'));
      }),
      { numRuns: 10 },
    );
  });

  it('matches an NFD --classes name, and reports folders not in NFC and two that are one class', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'train/playing pétanque/a.mp4': 3,
      ['train/playing pétanque/b.mp4'.normalize('NFD')]: 3,
      [join('train', 'yoga'.normalize('NFD'), 'c.mp4')]: 3,
    });
    const report = join(tempDir(), 'r.json');
    const args = ['slice', dir, '--classes', 'playing pétanque'.normalize('NFD'), '-o', '-', '--report', report];
    const result = await k400InProcess(args);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      csvRows(result.stdout).map(r => r.clip_id),
      ['playing pétanque/a', 'playing pétanque/b'],
    );
    assert.match(result.stderr, /1 folder name not in Unicode NFC/);
    assert.match(result.stderr, /train\/playing p.+: the same class as 'train\/playing p.+' after Unicode NFC/);
    const written = JSON.parse(readFileSync(report, 'utf8')) as { not_nfc: { count: number } };
    assert.equal(written.not_nfc.count, 1);
  });
});
