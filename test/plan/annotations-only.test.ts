import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadAnnotationsOnly } from '../../src/source/annotations-only.js';
import { restrictSource } from '../../src/source/source.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const VAL = fixture('plan', 'k400-val-official.csv');
const TRAIN = fixture('plan', 'k400-train-pandas-quoted.csv');

describe('a source of annotation rows alone', () => {
  it('has one clip a row, at its planned path, with no size, and every class of the rows', () => {
    const source = loadAnnotationsOnly([VAL, TRAIN]);
    assert.equal(source.clips.length, 110);
    assert.equal(source.layout, 'annotations');
    assert.deepEqual(source.splits, ['train', 'val']);
    assert.equal(source.classes.length, 5);
    const clip = source.clips.find(c => c.label === "massaging person's head" && c.split === 'val');
    assert.ok(clip !== undefined);
    assert.equal(clip.path, `val/massaging person's head/${clip.clipId}.mp4`);
    assert.equal(clip.sizeBytes, null);
    assert.equal(source.report.tally.totals.annotated, 110);
  });

  it('fingerprints the rows: order does not matter, a label does, and --split fingerprints its own rows', () => {
    const dir = tempDir();
    const [header, ...rows] = readFileSync(VAL, 'utf8').trimEnd().split('\n');
    const write = (name: string, lines: string[]): string => {
      writeFileSync(join(dir, name), `${[header, ...lines].join('\n')}\n`);
      return join(dir, name);
    };
    const base = loadAnnotationsOnly([write('a.csv', rows)]).fingerprint;
    assert.equal(loadAnnotationsOnly([write('b.csv', [...rows].reverse())]).fingerprint, base);
    const relabelled = [(rows[0] as string).replace(/^abseiling/, 'zumba'), ...rows.slice(1)];
    assert.notEqual(loadAnnotationsOnly([write('c.csv', relabelled)]).fingerprint, base);
    const both = loadAnnotationsOnly([VAL, TRAIN]);
    assert.equal(restrictSource(both, 'val').fingerprint, loadAnnotationsOnly([VAL]).fingerprint);
    assert.equal(loadAnnotationsOnly([VAL, TRAIN], { split: 'val' }).fingerprint, base);
  });

  it('keeps the first of two rows for one clip and reports a second label', () => {
    const dir = tempDir();
    const file = join(dir, 'twice.csv');
    writeFileSync(
      file,
      'label,youtube_id,time_start,time_end,split\nabseiling,abcdefghijk,1,11,train\nzumba,abcdefghijk,1,11,train\n',
    );
    const source = loadAnnotationsOnly([file]);
    assert.deepEqual(
      source.clips.map(c => c.label),
      ['abseiling'],
    );
    assert.match(source.report.problems[0]?.message ?? '', /is 'zumba' here but 'abseiling'/);
  });
});
