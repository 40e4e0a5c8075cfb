import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClipTable } from '../../src/scan/clip-table.js';
import type { FolderListing } from '../../src/scan/folder-scan.js';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';

function listing(folder: string, files: string[], keys: number[]): FolderListing {
  return {
    folder,
    files,
    sizes: files.map((_, i) => 100 + i),
    keys,
    fingerprint: [0, 0, 0, 0],
    skipped: [],
    problems: [],
    probes: null,
  };
}

describe('the clip table of a walk', () => {
  const table = new ClipTable(
    [
      { path: 'train/a', split: 'train', label: 'a' },
      { path: 'train/empty', split: 'train', label: 'empty' },
      { path: 'val/b', split: 'val', label: 'b' },
    ],
    [
      listing('train/a', ['abcdefghijk_000001_000011.mp4', 'nested/take 1.mkv'], [5, 7]),
      listing('train/empty', [], []),
      listing('val/b', ['only.mp4'], [3]),
    ],
    'seed',
  );
  const clips = table.clips();

  it('gives each row its path, label, split, clip id and size, empty folders included', () => {
    assert.deepEqual(
      clips.map(c => [c.path, c.label, c.split, c.clipId, c.sizeBytes, c.youtubeId, c.timeStart]),
      [
        ['train/a/abcdefghijk_000001_000011.mp4', 'a', 'train', 'abcdefghijk_000001_000011', 100, 'abcdefghijk', 1],
        ['train/a/nested/take 1.mkv', 'a', 'train', 'a/nested/take 1', 101, null, null],
        ['val/b/only.mp4', 'b', 'val', 'b/only', 100, null, null],
      ],
    );
  });

  it("gives the scan's key only for the scan's seed", () => {
    assert.deepEqual(
      clips.map(c => c.keyFor('seed')),
      [5, 7, 3],
    );
    assert.equal(clips[0]?.keyFor('other'), undefined);
  });

  it('holds the same clips whether the names crossed from scan threads or not', async () => {
    const rows = async (threads: number) => {
      const source = await loadSource(fixture('kinetics-mini'), { threads, seed: 's' });
      const keyOf = source.keyOf('s');
      return source.clips.map(c => [c.path, c.clipId, c.label, c.split, c.sizeBytes, keyOf(c)].join('|')).sort();
    };
    const inline = await rows(0);
    assert.equal(inline.length, 80);
    assert.deepEqual(await rows(2), inline);
  });
});
