import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError, UsageError } from '../../src/errors.js';
import { DEFAULT_VIDEO_EXTENSIONS, videoExtensionSet } from '../../src/scan/file-kinds.js';
import { scanFolders } from '../../src/scan/folder-pool.js';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

describe('scanning a class tree', () => {
  it('detects the split layout of the shipped fixture and reads every class in code-point order', async () => {
    const source = await loadSource(fixture('kinetics-mini'));
    assert.equal(source.layout, 'split-class-tree');
    assert.deepEqual(source.splits, ['train', 'val']);
    assert.deepEqual(source.classes, [
      'abseiling',
      'air drumming',
      'hurling (sport)',
      "massaging person's head",
      'passing American football (in game)',
      'playing pétanque',
    ]);
    assert.equal(source.clips.length, 80);
    assert.deepEqual(source.report.skipped, { hidden: 1, appledouble: 1, partial: 1, other: 1 });
    const nested = source.clips.find(c => c.clipId === 'playing pétanque/extra/take 2');
    assert.deepEqual(nested && { path: nested.path, label: nested.label, split: nested.split }, {
      path: 'train/playing pétanque/extra/take 2.mp4',
      label: 'playing pétanque',
      split: 'train',
    });
  });

  it('reads only the split asked for, and refuses an unknown one with the list', async () => {
    const val = await loadSource(fixture('kinetics-mini'), { split: 'val' });
    assert.ok(val.clips.every(c => c.split === 'val'));
    assert.equal(val.clips.length, 17);
    await assert.rejects(
      loadSource(fixture('kinetics-mini'), { split: 'valid' }),
      (e: unknown) =>
        e instanceof UsageError && /the splits are: train, val; did you mean val/.test(`${e.message} ${e.hint}`),
    );
  });

  it('detects a class tree without splits, keeps empty class folders as classes', async () => {
    const root = tempDir();
    writeTree(root, { 'b/x_1.mp4': 5, 'a/y.mkv': 5, 'empty/.keep': '' });
    const source = await loadSource(root);
    assert.equal(source.layout, 'class-tree');
    assert.deepEqual(source.classes, ['a', 'b', 'empty']);
    assert.deepEqual(source.clips.map(c => [c.path, c.split]).sort(), [
      ['a/y.mkv', null],
      ['b/x_1.mp4', null],
    ]);
    await assert.rejects(loadSource(root, { split: 'train' }), UsageError);
  });

  it('keeps one copy of a clip id found twice: the path that sorts first', async () => {
    const root = tempDir();
    writeTree(root, { 'b/abcdefghijk_000001_000011.mp4': 3, 'a/abcdefghijk_000001_000011.webm': 4, 'a/other.mp4': 2 });
    const source = await loadSource(root);
    assert.deepEqual(source.clips.map(c => c.path).sort(), ['a/abcdefghijk_000001_000011.webm', 'a/other.mp4']);
    assert.deepEqual(source.report.duplicates, [
      {
        split: null,
        label: 'a',
        clipId: 'abcdefghijk_000001_000011',
        kept: 'a/abcdefghijk_000001_000011.webm',
        dropped: ['b/abcdefghijk_000001_000011.mp4'],
      },
    ]);
    assert.equal(source.report.tally.totals.duplicates, 1);
  });

  it('follows symlinked clips and folders', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    writeTree(elsewhere, { 'real.mp4': 7, 'cls/inner.mp4': 3 });
    writeTree(root, { 'a/plain.mp4': 1 });
    symlinkSync(join(elsewhere, 'real.mp4'), join(root, 'a', 'linked.mp4'));
    symlinkSync(join(elsewhere, 'cls'), join(root, 'b'));
    const source = await loadSource(root);
    assert.deepEqual(source.clips.map(c => `${c.path}:${c.sizeBytes}`).sort(), [
      'a/linked.mp4:7',
      'a/plain.mp4:1',
      'b/inner.mp4:3',
    ]);
  });

  it('fails clearly on a missing root, a file, and a tree without videos', async () => {
    await assert.rejects(
      loadSource('no/such/folder'),
      (e: unknown) => e instanceof DatasetError && e.message === "dataset root 'no/such/folder' does not exist",
    );
    await assert.rejects(
      loadSource(fixture('kinetics-mini', 'train', 'abseiling', 'README.txt')),
      (e: unknown) => e instanceof DatasetError && /is a file/.test(e.message),
    );
    const root = tempDir();
    writeTree(root, { 'a/notes.txt': 'x' });
    await assert.rejects(
      loadSource(root),
      (e: unknown) => e instanceof DatasetError && /no videos found/.test(e.message) && /--ext/.test(e.hint ?? ''),
    );
  });

  it('reports a folder it cannot read and goes on with the rest', async () => {
    const root = tempDir();
    writeTree(root, { 'a/x.mp4': 1 });
    const listings = await scanFolders(root, ['a', 'gone'], videoExtensionSet(DEFAULT_VIDEO_EXTENSIONS), {
      threads: 0,
      seed: '0',
    });
    assert.deepEqual(listings[0]?.files, ['x.mp4']);
    assert.deepEqual(listings[1]?.problems, [{ path: 'gone', message: 'does not exist' }]);
  });

  it('gives the same listings on worker threads as on the calling thread', async () => {
    const extensions = videoExtensionSet(DEFAULT_VIDEO_EXTENSIONS);
    const folders = ['train/abseiling', 'train/air drumming', 'val/abseiling', 'train/playing pétanque', 'missing'];
    const inline = await scanFolders(fixture('kinetics-mini'), folders, extensions, { threads: 0, seed: 's' });
    let progress = 0;
    const threaded = await scanFolders(fixture('kinetics-mini'), folders, extensions, {
      threads: 2,
      seed: 's',
      onProgress: n => (progress = n),
    });
    const normalize = (ls: typeof inline) =>
      ls.map(l => ({
        ...l,
        files: l.files.map((f, i) => `${f}:${l.sizes[i]}:${l.keys[i]}`).sort(),
        sizes: [],
        keys: [],
      }));
    assert.deepEqual(normalize(threaded), normalize(inline));
    assert.equal(
      progress,
      inline.reduce((n, l) => n + l.files.length, 0),
    );
  });
});

describe('layout detection', () => {
  it('a class tree whose first class nests its clips in sub-folders is still a class tree', async () => {
    const root = tempDir();
    writeTree(root, { 'abseiling/part1/x.mp4': 3, 'zumba/y.mp4': 3 });
    const source = await loadSource(root);
    assert.equal(source.layout, 'class-tree');
    assert.deepEqual(source.clips.map(c => `${c.label}:${c.clipId}`).sort(), [
      'abseiling:abseiling/part1/x',
      'zumba:zumba/y',
    ]);
  });
});
