import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reconciliationReport } from '../../src/api/report.js';
import { UsageError } from '../../src/errors.js';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';

describe('a CVDF download', () => {
  it('is detected without flags, and every finding is counted', async () => {
    const source = await loadSource(fixture('cvdf-mini'));
    assert.equal(source.layout, 'cvdf');
    assert.deepEqual(source.annotations, ['annotations/test.csv', 'annotations/train.csv', 'annotations/val.csv']);
    assert.deepEqual(source.splits, ['test', 'train', 'val']);
    assert.deepEqual(source.classes, [
      'abseiling',
      'air drumming',
      "massaging person's head",
      'passing American football (in game)',
      'zumba',
    ]);
    const report = reconciliationReport(source) as {
      totals: Record<string, number>;
      examples: Record<string, string[]>;
    };
    // 41 rows (25 train, 12 val, 4 test), 5 without files; 38 videos: 36 matched, a stray, a duplicate.
    assert.deepEqual(report.totals, {
      annotated: 41,
      files: 38,
      matched: 36,
      missing: 5,
      unannotated: 1,
      zero_byte: 1,
      corrupt: 0,
      duplicates: 1,
      junk: 3,
      unexpected_ext: 1,
    });
    assert.deepEqual(report.examples.unexpected_ext, ['train/download.log']);
    assert.equal(report.examples.missing?.length, 5);
  });

  it(
    'lets a replacement win, joins a file named by youtube id alone, and keeps both segments of one youtube ' + 'id',
    async () => {
      const source = await loadSource(fixture('cvdf-mini'));
      const byId = new Map(source.clips.map(clip => [clip.clipId, clip]));
      const replaced = source.clips.find(clip => clip.path.startsWith('replacement/'));
      assert.ok(replaced);
      assert.equal(byId.get(replaced.clipId)?.path, replaced.path);
      const bare = source.clips.find(clip => /^train\/[A-Za-z0-9_-]{11}\.mp4$/.test(clip.path));
      assert.ok(bare && /_\d{6}_\d{6}$/.test(bare.clipId), 'the lone-id file has the full clip id');
      const shared = source.clips.filter(
        clip =>
          clip.split === 'val' &&
          clip.youtubeId === source.clips.find(c => c.clipId.endsWith('_000083_000093'))?.youtubeId,
      );
      assert.deepEqual(shared.map(clip => clip.label).sort(), ['abseiling', 'zumba']);
      assert.ok(
        source.clips.filter(c => c.split === 'val').every(c => c.label !== null),
        "'validate' rows are the val split",
      );
    },
  );

  it('reads one split as a part of the whole: counts and classes of that split only', async () => {
    const whole = await loadSource(fixture('cvdf-mini'));
    const val = await loadSource(fixture('cvdf-mini'), { split: 'val' });
    assert.deepEqual(val.splits, ['val']);
    assert.deepEqual(
      val.clips.map(c => c.clipId).sort(),
      whole.clips
        .filter(c => c.split === 'val')
        .map(c => c.clipId)
        .sort(),
    );
    assert.equal(val.report.tally.totals.annotated, 12);
    assert.equal(val.report.tally.totals.missing, 1);
    const test = await loadSource(fixture('cvdf-mini'), { split: 'test' });
    assert.deepEqual(test.unlabeled, ['annotations/test.csv']);
    await assert.rejects(
      loadSource(fixture('cvdf-mini'), { split: 'valid' }),
      (e: unknown) => e instanceof UsageError && /did you mean val/.test(e.hint ?? ''),
    );
  });

  it('reads the same clips when the annotations are given by hand', async () => {
    const cvdf = await loadSource(fixture('cvdf-mini'));
    const given = await loadSource(fixture('cvdf-mini'), {
      annotations: ['train', 'val', 'test'].map(s => fixture('cvdf-mini', 'annotations', `${s}.csv`)),
    });
    assert.equal(given.layout, 'flat+annotations');
    const ids = (clips: typeof cvdf.clips) => clips.map(c => `${c.clipId}:${c.label}:${c.path}`).sort();
    assert.deepEqual(ids(given.clips), ids(cvdf.clips));
    assert.equal(given.fingerprint, cvdf.fingerprint);
  });
});

describe('a class tree with annotations', () => {
  it('takes labels from the CSV, reports folders that disagree, and counts files no row knows', async () => {
    const { tempDir, writeTree } = await import('../helpers/temp.js');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = tempDir();
    writeTree(root, {
      'abseiling/aaaaaaaaaaa_000001_000011.mp4': 5,
      'abseiling/bbbbbbbbbbb_000001_000011.mp4': 5,
      'hurling_sport/ccccccccccc_000001_000011.mp4': 5,
      'hurling_sport/ddddddddddd_000001_000011.mp4': 5,
    });
    const csv = join(root, 'train.csv');
    writeFileSync(
      csv,
      'label,youtube_id,time_start,time_end,split\nabseiling,aaaaaaaaaaa,1,11,train\nzumba,bbbbbbbbbbb,1,11,' +
        'train\n"hurling (sport)",ccccccccccc,1,11,train\n',
    );
    const source = await loadSource(root, { annotations: [csv] });
    assert.equal(source.layout, 'class-tree+annotations');
    assert.deepEqual(source.clips.map(c => `${c.clipId.slice(0, 1)}:${c.label}`).sort(), [
      'a:abseiling',
      'b:zumba',
      'c:hurling (sport)',
    ]);
    assert.equal(source.report.disagreements.count, 1);
    assert.deepEqual(source.report.disagreements.examples, [
      "abseiling/bbbbbbbbbbb_000001_000011.mp4: folder 'abseiling', annotation 'zumba'",
    ]);
    assert.equal(source.report.tally.totals.unannotated, 1);
    assert.deepEqual(source.classes, ['abseiling', 'hurling (sport)', 'zumba']);
  });
});
