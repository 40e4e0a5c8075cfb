import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clip } from '../../src/clip.js';
import { ClipList } from '../../src/select/clip-rows.js';
import { clipPathSet } from '../../src/source/clip-paths.js';

/** A clip whose path counts how often it is read. */
function countedClip(path: string, reads: { count: number }): Clip {
  return {
    get path() {
      reads.count += 1;
      return path;
    },
    label: 'a',
    clipId: path,
    youtubeId: null,
    timeStart: null,
    timeEnd: null,
    split: null,
    sizeBytes: 1,
  };
}

describe('the clip paths an output may not replace', () => {
  it('reads no clip path until an output inside the root asks', () => {
    const reads = { count: 0 };
    const paths = clipPathSet(
      new ClipList(
        ['a/x.mp4', 'a/y.mp4'].map(path => countedClip(path, reads)),
        '0',
      ),
    );
    assert.equal(reads.count, 0);
    assert.equal(paths.has('a/x.mp4'), true);
    assert.equal(paths.has('a/z.mp4'), false);
    assert.equal(paths.has('a/y.mp4'), true);
    // Built once, on the first lookup.
    assert.equal(reads.count, 2);
  });
});
