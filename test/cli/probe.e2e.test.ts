import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** A class tree of the probe fixtures: distinct names, so no two share a clip id. */
function probeTree(): string {
  const root = tempDir();
  const files: [string, string][] = [
    ['a', 'faststart.mp4'],
    ['a', 'moov-at-end.mp4'],
    ['a', 'clip.webm'],
    ['b', 'clip.mkv'],
    ['b', 'clip.mov'],
    ['b', 'cut-faststart.mp4'],
    ['b', 'random.mp4'],
    ['b', 'empty.mp4'],
    ['b', 'clip.avi'],
  ];
  for (const [label, name] of files) {
    mkdirSync(join(root, label), { recursive: true });
    const [stem, ext] = name.split('.') as [string, string];
    copyFileSync(fixture('probe', name), join(root, label, `${stem}-${ext}.${ext}`));
  }
  return root;
}

describe('--probe (end to end)', () => {
  it('never selects a corrupt video, reports it, and adds the probe columns', async () => {
    const root = probeTree();
    const dir = tempDir();
    const run = await runMain(['slice', root, '--probe', '--report', join(dir, 'r.json')]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'path,label,label_index,clip_id,youtube_id,time_start,time_end,split,duration_s,fps,num_frames,width,' +
          'height,codec',
        'a/clip-webm.webm,a,0,a/clip-webm,,,,,2,10,,32,24,vp8',
        'a/faststart-mp4.mp4,a,0,a/faststart-mp4,,,,,2,12,24,48,32,h264',
        'a/moov-at-end-mp4.mp4,a,0,a/moov-at-end-mp4,,,,,1.5,10,15,40,24,h264',
        'b/clip-avi.avi,b,1,b/clip-avi,,,,,,,,,,',
        'b/clip-mkv.mkv,b,1,b/clip-mkv,,,,,1,25,,64,48,h264',
        'b/clip-mov.mov,b,1,b/clip-mov,,,,,1,15,15,32,32,h264',
        '',
      ].join('\n'),
    );
    assert.match(
      run.stderr,
      /warning: 2 corrupt videos \(by their headers\), never selected, e\.g\. b\/cut-faststart-mp4\.mp4\n/,
    );
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
      totals: Record<string, number>;
      examples: Record<string, string[]>;
    };
    assert.equal(report.totals.corrupt, 2);
    assert.deepEqual(report.examples.corrupt, ['b/cut-faststart-mp4.mp4', 'b/random-mp4.mp4']);
    assert.deepEqual(report.examples.zero_byte, ['b/empty-mp4.mp4']);
  });

  it('--min-duration and --min-frames keep long enough clips; they need probing', async () => {
    const root = probeTree();
    const long = await runMain(['slice', root, '--probe', '--min-duration', '1.5', '--format', 'jsonl', '-q']);
    assert.deepEqual(
      long.stdout
        .trimEnd()
        .split('\n')
        .map(l => (JSON.parse(l) as { path: string }).path),
      ['a/clip-webm.webm', 'a/faststart-mp4.mp4', 'a/moov-at-end-mp4.mp4'],
    );
    // Matroska has no frame count: 2 s at 10 fps counts as 20 frames.
    const frames = await runMain(['slice', root, '--probe', '--min-frames', '20', '--format', 'jsonl', '-q']);
    assert.deepEqual(
      frames.stdout
        .trimEnd()
        .split('\n')
        .map(l => (JSON.parse(l) as { path: string }).path),
      ['a/clip-webm.webm', 'a/faststart-mp4.mp4', 'b/clip-mkv.mkv'],
    );
    const unprobed = await runMain(['slice', root, '--min-frames', '20']);
    assert.equal(unprobed.status, 2);
    assert.equal(
      unprobed.stderr,
      "k400-slice: error: --min-frames needs the clips' headers probed (add --probe, or slice an index made with " +
        'k400-slice scan --probe)\n',
    );
  });

  it(
    'scan --probe caches probes in the index by size ' + 'and modification time; slicing the index needs no probe',
    async () => {
      const root = probeTree();
      const dir = tempDir();
      const index = join(dir, 'i.jsonl');
      assert.equal((await runMain(['scan', root, '--probe', '-o', index, '-q'])).status, 0);
      assert.equal(
        (await runMain(['slice', index, '--format', 'json'])).stdout,
        (await runMain(['slice', root, '--probe', '--format', 'json'])).stdout,
      );
      // Doctor a cached probe: an unchanged file keeps it, so the re-scan reused the cache ...
      const doctored = readFileSync(index, 'utf8').replace(/("path":"a\/faststart-mp4\.mp4".*?"fps":)12/, '$199');
      writeFileSync(index, doctored);
      assert.equal((await runMain(['scan', root, '--probe', '-o', index, '-q'])).status, 0);
      assert.match(readFileSync(index, 'utf8'), /"path":"a\/faststart-mp4\.mp4".*"fps":99/);
      // ... and a file whose modification time changed is probed again.
      utimesSync(join(root, 'a', 'faststart-mp4.mp4'), new Date(2020, 1, 1), new Date(2020, 1, 1));
      assert.equal((await runMain(['scan', root, '--probe', '-o', index, '-q'])).status, 0);
      assert.match(readFileSync(index, 'utf8'), /"path":"a\/faststart-mp4\.mp4".*"fps":12/);
    },
  );
});
