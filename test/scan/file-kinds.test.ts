import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyFile, DEFAULT_VIDEO_EXTENSIONS, videoExtensionSet } from '../../src/scan/file-kinds.js';

describe('classifyFile', () => {
  const videos = videoExtensionSet(DEFAULT_VIDEO_EXTENSIONS);
  it('takes mp4, mkv, webm, avi, mov in any case', () => {
    for (const name of ['a.mp4', 'a.MP4', 'a.Mkv', 'a.webm', 'a.avi', 'a.MOV'])
      assert.equal(classifyFile(name, videos), 'video', name);
  });
  it('skips hidden files, macOS ._ files, partial downloads and other files', () => {
    assert.equal(classifyFile('.DS_Store', videos), 'hidden');
    assert.equal(classifyFile('.x.mp4', videos), 'hidden');
    assert.equal(classifyFile('._x.mp4', videos), 'appledouble');
    assert.equal(classifyFile('x.mp4.part', videos), 'partial');
    assert.equal(classifyFile('x.mp4.ytdl', videos), 'partial');
    assert.equal(classifyFile('x.f137.mp4.TMP', videos), 'partial');
    assert.equal(classifyFile('x.txt', videos), 'other');
    assert.equal(classifyFile('mp4', videos), 'other');
  });
  it('--ext replaces the list, with or without dots', () => {
    const custom = videoExtensionSet(['.MKV', 'ts']);
    assert.equal(classifyFile('a.ts', custom), 'video');
    assert.equal(classifyFile('a.mkv', custom), 'video');
    assert.equal(classifyFile('a.mp4', custom), 'other');
  });
});
