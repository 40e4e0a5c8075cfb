import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { identifyClip, kineticsClipId, stripExtension } from '../../src/scan/clip-name.js';
import { youtubeIdArb } from '../helpers/datasets.js';

describe('identifyClip', () => {
  it('reads youtube id and time window from {youtube_id}_{start:06d}_{end:06d}', () => {
    assert.deepEqual(identifyClip('--nQbRBEz2s_000104_000114.mp4'), {
      clipId: '--nQbRBEz2s_000104_000114',
      youtubeId: '--nQbRBEz2s',
      timeStart: 104,
      timeEnd: 114,
    });
    assert.deepEqual(identifyClip('__NrybzYzUg_000000_000010.MKV'), {
      clipId: '__NrybzYzUg_000000_000010',
      youtubeId: '__NrybzYzUg',
      timeStart: 0,
      timeEnd: 10,
    });
  });

  it('knows a Kinetics-named file by its stem wherever it sits', () => {
    assert.equal(identifyClip('sub/dir/abcdefghijk_000001_000011.webm').clipId, 'abcdefghijk_000001_000011');
  });

  it('knows any other file by its path below the split folder, without extension', () => {
    assert.deepEqual(identifyClip('extra/take 2.mp4', 'zumba'), {
      clipId: 'zumba/extra/take 2',
      youtubeId: null,
      timeStart: null,
      timeEnd: null,
    });
    assert.equal(identifyClip('abcdefghij_000001_000011.mp4').clipId, 'abcdefghij_000001_000011'); // 10-character id
    assert.equal(identifyClip('abcdefghijk_00001_000011.mp4').youtubeId, null); // 5-digit start
    assert.equal(identifyClip('clip.v2.mp4').clipId, 'clip.v2');
    assert.equal(identifyClip('noext').clipId, 'noext');
  });

  it('round-trips every youtube id and window through the file name', () => {
    fc.assert(
      fc.property(youtubeIdArb, fc.nat({ max: 999_989 }), fc.nat({ max: 10 }), (id, start, length) => {
        const clipId = kineticsClipId(id, start, start + length);
        assert.deepEqual(identifyClip(`${clipId}.mp4`), {
          clipId,
          youtubeId: id,
          timeStart: start,
          timeEnd: start + length,
        });
      }),
    );
  });

  it('strips only the last extension and never a leading dot', () => {
    assert.equal(stripExtension('a/b.c/d'), 'a/b.c/d');
    assert.equal(stripExtension('a/.hidden'), 'a/.hidden');
    assert.equal(stripExtension('x.tar.gz'), 'x.tar');
  });
});
