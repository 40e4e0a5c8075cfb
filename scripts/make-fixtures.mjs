// Regenerates the video fixtures under fixtures/ with ffmpeg. The clips are committed, so tests and CI
// never need ffmpeg; run this only to change them:  node scripts/make-fixtures.mjs
// Output is byte-for-byte reproducible with the same ffmpeg build (bitexact flags, no metadata).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** An 11-character youtube-like id, derived from a name; `lead` forces the first character. */
function youtubeId(name, lead = '') {
  const id = createHash('md5').update(name).digest('base64url').slice(0, 11);
  return (lead + id).slice(0, 11);
}

function kineticsName(id, start, ext = 'mp4') {
  return `${id}_${String(start).padStart(6, '0')}_${String(start + 10).padStart(6, '0')}.${ext}`;
}

const CODECS = {
  mp4: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryslow'],
  mov: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryslow'],
  mkv: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryslow'],
  webm: ['-c:v', 'libvpx', '-b:v', '50k'],
  avi: ['-c:v', 'mpeg4', '-q:v', '10'],
};

/** A one-second 32x24 test pattern at 8 fps; `hue` makes each clip's bytes differ. */
function makeClip(path, hue) {
  mkdirSync(dirname(path), { recursive: true });
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc=size=32x24:rate=8:d=1,hue=h=${hue}`,
    ...CODECS[ext], '-fflags', '+bitexact', '-flags:v', '+bitexact', '-map_metadata', '-1',
    ...(ext === 'mkv' || ext === 'webm' ? [] : ['-f', ext === 'mov' ? 'mov' : ext]),
    path,
  ]);
}

// fixtures/kinetics-mini: a split class tree shaped like torchvision's Kinetics folders, with the names
// that break naive tools: spaces, parentheses, an apostrophe, a non-ASCII letter, a one-clip class,
// a class of 40+, mixed and upper-case extensions, a file not named by youtube id, and junk to skip.
function kineticsMini() {
  const root = join(fixtures, 'kinetics-mini');
  rmSync(root, { recursive: true, force: true });
  const classes = {
    abseiling: { train: 5, val: 2 },
    'air drumming': { train: 42, val: 8 },
    'hurling (sport)': { train: 1, val: 1 },
    "massaging person's head": { train: 4, val: 2 },
    'passing American football (in game)': { train: 6, val: 3 },
    'playing pétanque': { train: 3, val: 1 },
  };
  // Extensions other than mp4 for some clips, by class and index.
  const special = {
    "massaging person's head": { 1: 'MP4', 2: 'webm' },
    'passing American football (in game)': { 0: 'mkv', 3: 'avi' },
  };
  let hue = 0;
  for (const [label, counts] of Object.entries(classes)) {
    for (const [split, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) {
        const lead = i === 0 ? '-' : i === 1 ? '_' : '';
        const id = youtubeId(`${split}/${label}/${i}`, lead);
        const ext = special[label]?.[i] ?? 'mp4';
        makeClip(join(root, split, label, kineticsName(id, (i * 37) % 300, ext)), (hue += 7) % 360);
      }
    }
  }
  // Files that are not named by youtube id: known by their path below the class folder.
  makeClip(join(root, 'train', 'playing pétanque', 'my first clip.mov'), 200);
  makeClip(join(root, 'train', 'playing pétanque', 'extra', 'take 2.mp4'), 210);
  // Junk every real copy has: skipped and counted.
  const abseiling = join(root, 'train', 'abseiling');
  writeFileSync(join(abseiling, '.DS_Store'), 'Bud1');
  writeFileSync(join(abseiling, `._${kineticsName(youtubeId('train/abseiling/0', '-'), 0)}`), 'resource fork');
  writeFileSync(join(abseiling, 'README.txt'), 'not a video\n');
  writeFileSync(join(root, 'train', 'air drumming', `${kineticsName(youtubeId('unfinished'), 5)}.part`), 'half a download');
}

kineticsMini();
console.log('fixtures written to', fixtures);
