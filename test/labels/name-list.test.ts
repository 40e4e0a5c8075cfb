import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { readNameList } from '../../src/labels/name-list.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const THREE_COLUMNS = 'mini_id,k400_id,name\n0,18,belly dancing\n1,346,tai chi\n2,399,zumba\n';

function file(content: string): string {
  const dir = tempDir();
  writeTree(dir, { 'map.csv': content });
  return join(dir, 'map.csv');
}

const pairs = (path: string, id?: string) => readNameList(path, '--label-map', id).map(entry => [entry.name, entry.id]);

describe('label maps with id and name columns', () => {
  it('picks the id and name columns by header, in any order, and the one column named like an id', () => {
    assert.deepEqual(pairs(file('id,name\n3,zumba\n1,tai chi\n')), [
      ['zumba', 3],
      ['tai chi', 1],
    ]);
    assert.deepEqual(pairs(file('name,k400_id\nzumba,399\n')), [['zumba', 399]]);
    assert.deepEqual(pairs(file('name,id,extra\n"tai chi",7,x\n')), [['tai chi', 7]]);
    assert.deepEqual(pairs(file('label\nzumba\n')), [
      ['label', null],
      ['zumba', null],
    ]);
  });

  it('with several id columns, says which it found and how to choose; --label-map-id chooses', () => {
    const map = file(THREE_COLUMNS);
    assert.throws(
      () => pairs(map),
      (error: Error) =>
        error instanceof UsageError &&
        /found columns mini_id, k400_id, name/.test(error.message) &&
        /--label-map-id mini_id/.test(error.hint ?? ''),
    );
    assert.deepEqual(pairs(map, 'mini_id'), [
      ['belly dancing', 0],
      ['tai chi', 1],
      ['zumba', 2],
    ]);
    assert.deepEqual(
      pairs(map, 'K400_ID').map(([, id]) => id),
      [18, 346, 399],
    );
    assert.throws(() => pairs(map, 'nope'), /no such column \(found mini_id, k400_id, name\)/);
    assert.throws(() => pairs(file('zumba\ntai chi\n'), 'id'), /has no CSV header/);
  });

  it('slices with a three-column map end to end', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'map.csv': THREE_COLUMNS,
      'data/zumba/aaaaaaaaaaa_000000_000010.mp4': 5,
      'data/tai chi/bbbbbbbbbbb_000000_000010.mp4': 5,
    });
    const refused = await runMain(['slice', join(dir, 'data'), '--label-map', join(dir, 'map.csv')]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /found columns mini_id, k400_id, name/);
    const args = ['slice', join(dir, 'data'), '--label-map', join(dir, 'map.csv'), '--label-map-id', 'mini_id'];
    const run = await runMain([...args, '-q']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      run.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map(line => line.split(',').slice(1, 3)),
      [
        ['tai chi', '1'],
        ['zumba', '2'],
      ],
    );
    const alone = await runMain(['slice', join(dir, 'data'), '--label-map-id', 'mini_id']);
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /--label-map-id needs --label-map/);
  });
});
