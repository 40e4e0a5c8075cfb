import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError, UsageError } from '../../src/errors.js';
import { mapIndexing, relabelIndexing, sourceIndexing } from '../../src/labels/label-index.js';
import { readNameList } from '../../src/labels/name-list.js';
import { tempDir } from '../helpers/temp.js';

describe('label_index', () => {
  it('is the position among all classes of the source, or among the selected ones with --relabel', () => {
    const source = sourceIndexing(['a', 'b', 'c']);
    assert.equal(source.indexOf('c'), 2);
    assert.equal(source.indexOf(null), null);
    const relabel = relabelIndexing(['b', 'c']);
    assert.deepEqual([relabel.indexOf('b'), relabel.indexOf('c'), relabel.indexOf('a')], [0, 1, null]);
  });

  it('reads a label map of one name a line, with comments, in any spelling, ignoring unknown extra names', () => {
    const dir = tempDir();
    const file = join(dir, 'map.txt');
    writeFileSync(file, '# my order\nzumba\n\nhurling_sport\r\nabseiling\nad\nam');
    const map = mapIndexing(
      readNameList(file, '--label-map'),
      ['abseiling', 'hurling (sport)', 'zumba'],
      ['abseiling', 'hurling (sport)'],
      file,
    );
    assert.deepEqual(map.classes, [
      { label: 'zumba', index: 0 },
      { label: 'hurling (sport)', index: 1 },
      { label: 'abseiling', index: 2 },
    ]);
  });

  it('reads an id,name CSV with a BOM and no final newline, using its ids', () => {
    const dir = tempDir();
    const file = join(dir, 'labels.csv');
    writeFileSync(file, '\uFEFFid,name\n5,abseiling\n3,"hurling (sport)"');
    const map = mapIndexing(readNameList(file, '--label-map'), ['abseiling', 'hurling (sport)'], ['abseiling'], file);
    assert.deepEqual([map.indexOf('abseiling'), map.indexOf('hurling (sport)')], [5, 3]);
  });

  it('refuses a map that misses a selected class, gives one index twice, or lists a class twice', () => {
    const dir = tempDir();
    const file = join(dir, 'map.txt');
    writeFileSync(file, 'abseiling\n');
    assert.throws(
      () => mapIndexing(readNameList(file, '--label-map'), ['abseiling', 'zumba'], ['abseiling', 'zumba'], file),
      (e: unknown) => e instanceof UsageError && /1 selected class is not in the map: 'zumba'/.test(e.message),
    );
    writeFileSync(file, 'id,name\n0,abseiling\n0,zumba\n');
    assert.throws(
      () => mapIndexing(readNameList(file, '--label-map'), ['abseiling', 'zumba'], ['zumba'], file),
      DatasetError,
    );
    writeFileSync(file, 'abseiling\nabseiling\n');
    assert.throws(
      () => mapIndexing(readNameList(file, '--label-map'), ['abseiling'], ['abseiling'], file),
      (e: unknown) => e instanceof DatasetError && /listed twice/.test(e.message),
    );
  });

  it('names the file when it cannot be read', () => {
    assert.throws(
      () => readNameList('no/such/file.txt', '--classes-file'),
      (e: unknown) => e instanceof DatasetError && e.message === '--classes-file no/such/file.txt: does not exist',
    );
  });
});
