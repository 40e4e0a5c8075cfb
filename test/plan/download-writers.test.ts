import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readAnnotationFile } from '../../src/annotations/read-annotations.js';
import { DatasetError } from '../../src/errors.js';
import type { ManifestClip } from '../../src/manifest/schema.js';
import { renderManifest, writers } from '../../src/write/writers/index.js';
import { sampleProvenance } from '../helpers/manifests.js';
import { tempDir } from '../helpers/temp.js';
import { stubCalls, stubYtDlp } from './plan-helpers.js';

/** Labels that break naive quoting: spaces, both quotes, parentheses, shell and yt-dlp template syntax. */
const HOSTILE = [
  "massaging person's head",
  'passing American football (in game)',
  'say "hi"; rm -rf ~ && echo `id` $(id) $HOME',
  'glob * ? [a] ~x \\ back',
  '100% %(title)s %%',
  '-o looks like an option',
  'comma, and "quote"',
  'pétanque 𝄞',
];

function clip(label: string | null, i: number, split: string | null = 'train'): ManifestClip {
  const youtubeId = `abc-_${String(i).padStart(6, '0')}`;
  const clipId = `${youtubeId}_${String(i).padStart(6, '0')}_${String(i + 10).padStart(6, '0')}`;
  return {
    path: `${split}/${label}/${clipId}.mp4`,
    label,
    label_index: i,
    clip_id: clipId,
    youtube_id: youtubeId,
    time_start: i,
    time_end: i + 10,
    split,
    size_bytes: null,
  };
}

const CLIPS = HOSTILE.map((label, i) => clip(label, i, i % 2 === 0 ? 'train' : 'val'));

function render(format: keyof typeof writers, clips: readonly ManifestClip[]): string {
  return renderManifest(writers[format], { provenance: sampleProvenance(), classes: [], clips: [...clips] });
}

describe('download plan formats', () => {
  it('kinetics: an official annotation CSV that reads back as the same rows, labels and all', () => {
    const dir = tempDir();
    const text = render('kinetics', CLIPS);
    assert.equal(text.split('\n')[0], 'label,youtube_id,time_start,time_end,split');
    assert.match(text, /^"massaging person's head",abc-_000000,0,10,train$/m);
    writeFileSync(join(dir, 'plan.csv'), text);
    const back = readAnnotationFile(join(dir, 'plan.csv')).table.toArray();
    assert.deepEqual(
      back.map(r => [r.label, r.youtubeId, r.timeStart, r.timeEnd, r.split, r.clipId]),
      CLIPS.map(c => [c.label, c.youtube_id, c.time_start, c.time_end, c.split, c.clip_id]),
    );
  });

  it('urls: one watch URL a clip, a video with two clips twice', () => {
    const twice = [clip('a', 1), { ...clip('b', 2), youtube_id: 'abc-_000001' }];
    assert.equal(
      render('urls', twice),
      'https://www.youtube.com/watch?v=abc-_000001\nhttps://www.youtube.com/watch?v=abc-_000001\n',
    );
  });

  it('yt-dlp: a script sh accepts, one command a clip, whose arguments arrive exactly', () => {
    const dir = tempDir();
    const script = join(dir, 'plan.sh');
    const text = render('yt-dlp', CLIPS);
    writeFileSync(script, text);
    assert.ok(text.startsWith('#!/bin/sh\n'));
    assert.equal(text.split('\n').filter(line => line.startsWith('yt-dlp ')).length, CLIPS.length);
    const check = spawnSync('sh', ['-n', script], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);

    const failing = CLIPS[2] as ManifestClip;
    const { bin, log } = stubYtDlp(dir, [failing.youtube_id as string]);
    const ran = spawnSync('sh', [script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    assert.equal(ran.status, 1, ran.stderr);
    assert.match(ran.stderr, /^1 clip\(s\) failed to download$/m);
    const calls = stubCalls(log);
    assert.equal(calls.length, CLIPS.length);
    CLIPS.forEach((c, i) => {
      const target = `${c.split}/${c.label}/${c.clip_id}.mp4`;
      assert.deepEqual((calls[i] as string[]).slice(4), [
        '--download-sections',
        `*${c.time_start}-${c.time_end}`,
        '-o',
        target.replaceAll('%', '%%'),
        '--',
        `https://www.youtube.com/watch?v=${c.youtube_id}`,
      ]);
      assert.equal(existsSync(join(dir, target)), c !== failing, target);
    });
  });

  it('refuses clips no download can serve, naming the rows', () => {
    const noId = { ...clip('a', 1), youtube_id: null };
    const badFolders = [clip('..', 2), clip('a/b', 3), clip('line\nbreak', 4), { ...clip('a', 5), clip_id: '../x' }];
    for (const format of ['kinetics', 'urls', 'yt-dlp'] as const) {
      assert.throws(
        () => render(format, [clip('a', 0), noId]),
        (e: unknown) => e instanceof DatasetError && /row 2 has no youtube id/.test(e.message),
      );
    }
    // Only the script makes folders; the CSV and the URLs carry such labels as they are.
    assert.throws(
      () => render('yt-dlp', [clip('a', 0), ...badFolders]),
      (e: unknown) => e instanceof DatasetError && /rows 2, 3, 4, 5 have a split, label or clip id/.test(e.message),
    );
    assert.match(render('kinetics', [clip('line\nbreak', 4)]), /^"line\nbreak",/m);
  });
});
