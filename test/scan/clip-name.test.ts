import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  identifyClip,
  kineticsClipId,
  kineticsFields,
  kineticsStemOf,
  stripExtension,
} from '../../src/scan/clip-name.js';
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

// The pattern a Kinetics clip id has always been read by; names are now checked a character at a time.
const KINETICS_STEM = /^([A-Za-z0-9_-]{11})_(\d{6})_(\d{6})$/;

describe('a Kinetics clip id, checked a character at a time', () => {
  it('is read exactly as the regular expression reads it, for names near the shape and far from it', () => {
    const char = fc.constantFrom(...'aZ09_-@[`{/.:é\u0660\u00b2 '.split(''), 'A', 'z', '5', ':', '/');
    const kinetics = fc
      .tuple(youtubeIdArb, fc.nat({ max: 999_999 }), fc.nat({ max: 999_999 }))
      .map(([id, start, end]) => kineticsClipId(id, start, end));
    // A clip id with one character changed, one added or one dropped: the names a check could get wrong.
    const near = fc
      .tuple(kinetics, fc.nat({ max: 24 }), char, fc.constantFrom('change', 'add', 'drop'))
      .map(([id, at, c, how]) => {
        if (how === 'change') return `${id.slice(0, at)}${c}${id.slice(at + 1)}`;
        return how === 'add' ? `${id.slice(0, at)}${c}${id.slice(at)}` : `${id.slice(0, at)}${id.slice(at + 1)}`;
      });
    fc.assert(
      fc.property(fc.oneof(near, kinetics, fc.string({ maxLength: 30 })), name => {
        const match = KINETICS_STEM.exec(name);
        assert.deepEqual(
          kineticsFields(name),
          match === null
            ? { youtubeId: null, timeStart: null, timeEnd: null }
            : { youtubeId: match[1], timeStart: Number(match[2]), timeEnd: Number(match[3]) },
        );
        // A stem is read by its last part, its name below the class folder.
        const base = name.slice(name.lastIndexOf('/') + 1);
        assert.equal(kineticsStemOf(name), KINETICS_STEM.test(base) ? base : null);
      }),
      { numRuns: 5000 },
    );
  });
});
