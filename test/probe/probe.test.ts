import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { probeVideo } from '../../src/probe/probe.js';
import { fixture } from '../helpers/paths.js';

interface FfprobeReport {
  exit: number;
  streams?: {
    codec_type: string;
    codec_name: string;
    width: number;
    height: number;
    avg_frame_rate: string;
    nb_frames?: string;
    duration?: string;
  }[];
  format?: { duration: string };
}

// What ffprobe said of each fixture when it was made (scripts/make-fixtures.mjs): CI has no ffprobe.
const recorded = JSON.parse(readFileSync(fixture('probe', 'ffprobe.json'), 'utf8')) as {
  files: Record<string, FfprobeReport>;
};

function rate(text: string): number {
  const [num, den] = text.split('/').map(Number) as [number, number];
  return num / den;
}

describe('header probe, held to ffprobe', () => {
  for (const name of readdirSync(fixture('probe'))
    .filter(n => n !== 'ffprobe.json')
    .sort()) {
    it(name, () => {
      const ours = probeVideo(fixture('probe', name));
      const theirs = recorded.files[name] as FfprobeReport;
      const video = theirs.streams?.find(s => s.codec_type === 'video');
      if (name.endsWith('.avi')) {
        assert.equal(ours.status, 'unsupported');
        return;
      }
      if (theirs.exit !== 0) {
        // ffprobe cannot read it either: no moov, random bytes, empty.
        assert.equal(ours.status, 'corrupt');
        assert.equal(ours.codec, null);
        return;
      }
      assert.ok(video !== undefined);
      assert.equal(ours.status, name.startsWith('cut-') ? 'corrupt' : 'ok', ours.reason ?? '');
      assert.equal(ours.codec, video.codec_name);
      assert.equal(ours.width, video.width);
      assert.equal(ours.height, video.height);
      assert.equal(ours.fps, rate(video.avg_frame_rate));
      assert.equal(ours.num_frames, video.nb_frames === undefined ? null : Number(video.nb_frames));
      // MP4 knows the video track's duration; Matroska only the whole file's.
      assert.equal(ours.duration_s, Number(video.duration ?? theirs.format?.duration));
    });
  }

  it('says why a file is corrupt', () => {
    assert.equal(probeVideo(fixture('probe', 'empty.mp4')).reason, 'empty file');
    assert.equal(probeVideo(fixture('probe', 'random.mp4')).reason, 'not an MP4 file');
    assert.equal(probeVideo(fixture('probe', 'cut-moov-at-end.mp4')).reason, 'box mdat runs past the end of the file');
    assert.equal(probeVideo(fixture('probe', 'cut-faststart.mp4')).reason, 'box mdat runs past the end of the file');
    assert.match(probeVideo(fixture('probe', 'no-such-file.mp4')).reason ?? '', /^cannot open: ENOENT/);
  });

  it('reads the real clips of the class-tree fixture: mp4, MP4, mov, mkv, webm', () => {
    const root = fixture('kinetics-mini', 'train', "massaging person's head");
    for (const name of readdirSync(root)) {
      const probe = probeVideo(`${root}/${name}`);
      assert.equal(probe.status, 'ok', `${name}: ${probe.reason}`);
      assert.deepEqual([probe.width, probe.height, probe.fps, probe.duration_s], [32, 24, 8, 1]);
    }
  });
});
