import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AnnotationRow } from '../../src/annotations/annotation-table.js';
import { readAnnotationFile } from '../../src/annotations/read-annotations.js';
import { DatasetError } from '../../src/errors.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** One file's rows as objects, and whether it has labels. */
function readRows(path: string): { rows: AnnotationRow[]; hasLabels: boolean } {
  const { table, files } = readAnnotationFile(path);
  return { rows: table.toArray(), hasLabels: files[0]?.hasLabels ?? false };
}

describe('annotation CSV dialects', () => {
  const dir = fixture('annotations');
  const reference = readRows(join(dir, 'official-with-is-cc.csv'));

  it('reads the official file: quoted multi-word labels, bare single words, is_cc ignored', () => {
    assert.equal(reference.rows.length, 4);
    assert.ok(reference.hasLabels);
    assert.ok(reference.rows.some(row => row.label === 'passing American football (in game)'));
    assert.ok(reference.rows.some(row => row.label === "massaging person's head"));
    for (const row of reference.rows)
      assert.equal(
        row.clipId,
        `${row.youtubeId}_${String(row.timeStart).padStart(6, '0')}_${String(row.timeEnd).padStart(6, '0')}`,
      );
  });

  for (const name of readdirSync(dir).filter(n => n !== 'official-with-is-cc.csv')) {
    it(`reads ${name} into the same clips`, () => {
      const file = readRows(join(dir, name));
      const strip = (rows: typeof reference.rows) =>
        rows.map(({ clipId, youtubeId, timeStart, timeEnd }) => ({ clipId, youtubeId, timeStart, timeEnd }));
      assert.deepEqual(strip(file.rows), strip(reference.rows));
      if (name.startsWith('test-')) {
        assert.equal(file.hasLabels, false);
        assert.ok(file.rows.every(row => row.label === null && row.split === 'test'));
      } else {
        assert.deepEqual(
          file.rows.map(row => row.label),
          reference.rows.map(row => row.label),
        );
        assert.ok(file.rows.every(row => row.split === (name.includes('validate') ? 'val' : 'train')));
      }
    });
  }

  it('takes the split from the file name when there is no split column', () => {
    const tmp = tempDir();
    writeFileSync(join(tmp, 'validate.csv'), 'label,youtube_id,time_start,time_end\nzumba,abcdefghijk,1,11\n');
    assert.equal(readRows(join(tmp, 'validate.csv')).rows[0]?.split, 'val');
  });

  it('names the file, the row and the field of a bad row; refuses a header without the needed columns', () => {
    const tmp = tempDir();
    writeFileSync(join(tmp, 'a.csv'), 'label,youtube_id,time_start,time_end,split\nzumba,abcdefghijk,1.5,11,train\n');
    assert.throws(
      () => readAnnotationFile(join(tmp, 'a.csv')),
      (e: unknown) =>
        e instanceof DatasetError && e.message === `--annotations ${join(tmp, 'a.csv')}: row 2 has time_start '1.5'`,
    );
    writeFileSync(join(tmp, 'b.csv'), 'name,id\nzumba,1\n');
    assert.throws(
      () => readAnnotationFile(join(tmp, 'b.csv')),
      (e: unknown) => e instanceof DatasetError && /no youtube_id, time_start, time_end column/.test(e.message),
    );
  });
});
