import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffManifests, sameClass } from '../../src/api/diff.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/temp.js';

const HEADER = 'path,label,label_index,clip_id,youtube_id,time_start,time_end,split';

/** A CSV manifest of `[path, label, label_index]` rows; the clip id is the file's stem. */
function manifest(dir: string, name: string, rows: [string, string, number][]): string {
  const file = join(dir, name);
  const lines = rows.map(([path, label, index]) => {
    const id = path.slice(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
    return `${path},"${label}",${index},${id},,,,`;
  });
  writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return file;
}

describe('diff: label_index and spellings', () => {
  it('counts a label_index change alone as a difference (exit 1)', async () => {
    const dir = tempDir();
    const a = manifest(dir, 'a.csv', [['zumba/1.mp4', 'zumba', 1]]);
    const b = manifest(dir, 'b.csv', [['zumba/1.mp4', 'zumba', 399]]);
    const diff = await diffManifests(a, b);
    assert.deepEqual(
      { ...diff, classes: undefined },
      { only_a: 0, only_b: 0, label_changed: 0, label_respelled: 0, index_changed: 1, classes: undefined },
    );
    assert.deepEqual(Object.keys(diff.classes), ['zumba']);
    const run = await runMain(['diff', a, b]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^total +0 +0 +0 +0 +1$/m);
  });

  it('reports a pure change of spelling as respelled, not as label changes', async () => {
    const dir = tempDir();
    const raw: [string, string, number][] = [
      ['p/1.mp4', 'passing American football (in game)', 0],
      ['p/2.mp4', 'passing American football (in game)', 0],
      ['a/3.mp4', 'air drumming', 1],
    ];
    const a = manifest(dir, 'a.csv', raw);
    const b = manifest(
      dir,
      'b.csv',
      raw.map(([path, label, index]) => [path, label.replace(/ /g, '_').replace(/[()]/g, ''), index]),
    );
    const diff = await diffManifests(a, b);
    assert.equal(diff.label_changed, 0);
    assert.equal(diff.label_respelled, 3);
    assert.equal(diff.index_changed, 0);
    const json = await runMain(['diff', a, b, '--json']);
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout).classes['air drumming'].label_respelled, 1);
    const c = manifest(dir, 'c.csv', [...raw.slice(0, 2), ['a/3.mp4', 'abseiling', 1]]);
    const changed = await diffManifests(a, c);
    assert.deepEqual([changed.label_changed, changed.label_respelled], [1, 0]);
    assert.equal((await runMain(['diff', a, a])).status, 0);
  });

  it('tells spellings of one class from other classes', () => {
    assert.ok(sameClass("massaging person's head", 'massaging_persons_head'));
    assert.ok(sameClass('passing american football (not in game)', 'passing_American_football_(not_in_game)'));
    assert.ok(!sameClass('abseiling', 'air drumming'));
    assert.ok(!sameClass('abseiling', null));
  });
});
