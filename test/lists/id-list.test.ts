import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { IdMatcher, readIdList } from '../../src/lists/id-list.js';
import { fixture } from '../helpers/paths.js';

describe('subset lists', () => {
  const dir = fixture('lists');
  const ytids = readIdList(join(dir, 'mini-kinetics-ytids.txt'), '--ids-file').ids;

  it('reads bare youtube ids (Mini-Kinetics-200)', () => {
    assert.equal(ytids.length, 4);
    assert.ok(ytids.every(id => /^[A-Za-z0-9_-]{11}$/.test(id)));
  });

  for (const name of readdirSync(dir).filter(n => !['mini-kinetics-ytids.txt', 'with-unknown-ids.txt'].includes(n))) {
    it(`reads ${name} into the same clips`, () => {
      const ids = readIdList(join(dir, name), '--ids-file').ids;
      assert.equal(ids.length, 4);
      // Every form names the same four clips: by clip id (which starts with the youtube id) or youtube id.
      ids.forEach((id, i) => assert.ok(id === ytids[i] || id.startsWith(`${ytids[i]}_`), `${id} vs ${ytids[i]}`));
    });
  }

  it(
    'matches a listed id as a clip id first, else as every clip of that youtube id; counts what matched ' + 'nothing',
    () => {
      const known = {
        clipIds: new Set(['aaaaaaaaaaa_000001_000011', 'bbbbbbbbbbb_000001_000011', 'bbbbbbbbbbb_000020_000030']),
        youtubeIds: new Set(['aaaaaaaaaaa', 'bbbbbbbbbbb']),
      };
      const matcher = new IdMatcher(
        [{ file: 'x', ids: ['aaaaaaaaaaa_000001_000011', 'bbbbbbbbbbb', 'ccccccccccc', 'bbbbbbbbbbb'] }],
        known,
      );
      assert.equal(matcher.matches({ clipId: 'aaaaaaaaaaa_000001_000011', youtubeId: 'aaaaaaaaaaa' }), true);
      assert.equal(matcher.matches({ clipId: 'aaaaaaaaaaa_000099_000109', youtubeId: 'aaaaaaaaaaa' }), false);
      assert.equal(matcher.matches({ clipId: 'bbbbbbbbbbb_000020_000030', youtubeId: 'bbbbbbbbbbb' }), true);
      assert.deepEqual(matcher.unmatched(), ['ccccccccccc']);
      assert.equal(matcher.listedCount, 3);
    },
  );
});
