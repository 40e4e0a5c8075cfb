// Regenerates the video fixtures under fixtures/ with ffmpeg. The clips are committed, so tests and CI
// never need ffmpeg; run this only to change them:  node scripts/make-fixtures.mjs
// Output is byte-for-byte reproducible with the same ffmpeg build (bitexact flags, no metadata).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** A test pattern (default one second of 32x24 at 8 fps); `hue` makes each clip's bytes differ. */
function makeClip(path, hue, { size = '32x24', rate = 8, seconds = 1, extra = [] } = {}) {
  mkdirSync(dirname(path), { recursive: true });
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${size}:rate=${rate}:d=${seconds},hue=h=${hue}`,
    ...CODECS[ext],
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-map_metadata',
    '-1',
    ...extra,
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
  writeFileSync(
    join(root, 'train', 'air drumming', `${kineticsName(youtubeId('unfinished'), 5)}.part`),
    'half a download',
  );
}

// fixtures/cvdf-mini: a download laid out as the CVDF scripts leave it, with the faults every real copy has:
// annotated clips with no file, an empty file, a file no row knows, a replacement for a corrupt clip, a
// file named by youtube id alone, junk, and (as in Kinetics-700 val) one youtube id with two segments.
function cvdfMini() {
  const root = join(fixtures, 'cvdf-mini');
  rmSync(root, { recursive: true, force: true });
  const labels = [
    'abseiling',
    'air drumming',
    "massaging person's head",
    'passing American football (in game)',
    'zumba',
  ];
  const rows = { train: [], val: [], test: [] };
  let hue = 100;
  labels.forEach((label, c) => {
    for (let i = 0; i < 5; i++)
      rows.train.push({ label, id: youtubeId(`cvdf/train/${c}/${i}`, i === 0 ? '-' : ''), start: i * 11 });
    for (let i = 0; i < 2; i++)
      rows.val.push({ label, id: youtubeId(`cvdf/val/${c}/${i}`, i === 1 ? '_' : ''), start: 30 + i });
  });
  // Kinetics-700 style: one youtube id, two segments, two labels.
  const shared = youtubeId('cvdf/shared');
  rows.val.push({ label: 'abseiling', id: shared, start: 7 }, { label: 'zumba', id: shared, start: 83 });
  for (let i = 0; i < 4; i++) rows.test.push({ label: null, id: youtubeId(`cvdf/test/${i}`), start: 0 });

  const missing = new Set([rows.train[3].id, rows.train[12].id, rows.train[21].id, rows.val[4].id, rows.test[2].id]);
  for (const [split, list] of Object.entries(rows)) {
    for (const row of list) {
      if (missing.has(row.id) && !(split === 'val' && row.id === shared)) continue;
      makeClip(join(root, split, kineticsName(row.id, row.start)), (hue += 9) % 360);
    }
  }
  const empty = rows.train[7];
  writeFileSync(join(root, 'train', kineticsName(empty.id, empty.start)), '');
  // The corrupt original stays in train/; the replacement wins.
  const replaced = rows.train[9];
  makeClip(join(root, 'replacement', 'replacement_for_corrupted_k400', kineticsName(replaced.id, replaced.start)), 333);
  // Named by youtube id alone (some download scripts do this): joins because the id has one row.
  const bare = rows.train[16];
  rmSync(join(root, 'train', kineticsName(bare.id, bare.start)));
  makeClip(join(root, 'train', `${bare.id}.mp4`), 44);
  makeClip(join(root, 'train', kineticsName(youtubeId('cvdf/stray'), 5)), 55); // no row knows it
  writeFileSync(join(root, 'train', `._${kineticsName(rows.train[0].id, 0)}`), 'resource fork');
  writeFileSync(join(root, 'train', `${kineticsName(youtubeId('cvdf/unfinished'), 0)}.part`), 'half');
  writeFileSync(join(root, 'train', '.DS_Store'), 'Bud1');
  writeFileSync(join(root, 'train', 'download.log'), 'log\n');

  // The official dialects: train as CVDF writes it (multi-word labels quoted, is_cc), val unquoted with
  // `validate` and CRLF, test without labels.
  const quote = label => (/[ ,]/.test(label) ? `"${label}"` : label);
  mkdirSync(join(root, 'annotations'), { recursive: true });
  writeFileSync(
    join(root, 'annotations', 'train.csv'),
    `${[
      'label,youtube_id,time_start,time_end,split,is_cc',
      ...rows.train.map(r => `${quote(r.label)},${r.id},${r.start},${r.start + 10},train,0`),
    ].join('\n')}\n`,
  );
  writeFileSync(
    join(root, 'annotations', 'val.csv'),
    `${[
      'label,youtube_id,time_start,time_end,split',
      ...rows.val.map(r => `${r.label},${r.id},${r.start},${r.start + 10},validate`),
    ].join('\r\n')}\r\n`,
  );
  writeFileSync(
    join(root, 'annotations', 'test.csv'),
    ['youtube_id,time_start,time_end,split', ...rows.test.map(r => `${r.id},${r.start},${r.start + 10},test`)].join(
      '\n',
    ),
  );
  return rows;
}

// fixtures/annotations: one small CSV per dialect in use, all naming the same four clips, and
// fixtures/lists: the same clips in every subset-list form.
function dialects(rows) {
  const dir = join(fixtures, 'annotations');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const four = [rows.train[0], rows.train[5], rows.train[10], rows.train[15]];
  const quote = label => (/[ ,]/.test(label) ? `"${label}"` : label);
  const write = (name, lines, eol = '\n', final = true) =>
    writeFileSync(join(dir, name), lines.join(eol) + (final ? eol : ''));
  write('official-with-is-cc.csv', [
    'label,youtube_id,time_start,time_end,split,is_cc',
    ...four.map(r => `${quote(r.label)},${r.id},${r.start},${r.start + 10},train,0`),
  ]);
  write('pandas-quote-nonnumeric.csv', [
    '"label","youtube_id","time_start","time_end","split","is_cc"',
    ...four.map(r => `"${r.label}","${r.id}",${r.start},${r.start + 10},"train",0`),
  ]);
  write('unquoted-validate.csv', [
    'label,youtube_id,time_start,time_end,split',
    ...four.map(r => `${r.label},${r.id},${r.start},${r.start + 10},validate`),
  ]);
  write(
    'crlf-bom-float-times-no-final-newline.csv',
    [
      '\uFEFFlabel,youtube_id,time_start,time_end,split',
      ...four.map(r => `${quote(r.label)},${r.id},${r.start}.0,${r.start + 10}.0,train`),
    ],
    '\r\n',
    false,
  );
  write('test-without-labels.csv', [
    'youtube_id,time_start,time_end,split',
    ...four.map(r => `${r.id},${r.start},${r.start + 10},test`),
  ]);

  const lists = join(fixtures, 'lists');
  rmSync(lists, { recursive: true, force: true });
  mkdirSync(lists, { recursive: true });
  const clipId = r => kineticsName(r.id, r.start).replace(/\.mp4$/, '');
  writeFileSync(join(lists, 'mini-kinetics-ytids.txt'), `${four.map(r => r.id).join('\n')}\n`);
  writeFileSync(join(lists, 'kinetics100-cmn.list'), `${four.map(r => `${r.label}/${clipId(r)}`).join('\n')}\n`);
  writeFileSync(
    join(lists, 'slowfast-paths.csv'),
    `${four.map((r, i) => `/data/k400/train/${r.id}.mp4 ${i}`).join('\n')}\n`,
  );
  writeFileSync(
    join(lists, 'mmaction-videos.txt'),
    four.map((r, i) => `${r.label.replace(/ /g, '_')}/${clipId(r)}.mp4 ${i}`).join('\n'),
  );
  writeFileSync(join(lists, 'tab-separated.txt'), `${four.map((r, i) => `train/${clipId(r)}.mp4\t${i}`).join('\n')}\n`);
  writeFileSync(
    join(lists, 'annotation-subset.csv'),
    `${[
      'label,youtube_id,time_start,time_end,split',
      ...four.map(r => `${quote(r.label)},${r.id},${r.start},${r.start + 10},train`),
    ].join('\n')}\n`,
  );
  writeFileSync(
    join(lists, 'with-unknown-ids.txt'),
    `${[...four.map(r => r.id), 'AAAAAAAAAAA', 'nosuchclip_000001_000011'].join('\n')}\n`,
  );
}

// fixtures/probe: one file per case the header probe must tell apart, and what ffprobe says of each
// (ffprobe.json), so tests can hold the probe to ffprobe without ffprobe installed.
function probeFixtures() {
  const dir = join(fixtures, 'probe');
  rmSync(dir, { recursive: true, force: true });
  makeClip(join(dir, 'faststart.mp4'), 10, { size: '48x32', rate: 12, seconds: 2, extra: ['-movflags', '+faststart'] });
  makeClip(join(dir, 'moov-at-end.mp4'), 20, { size: '40x24', rate: 10, seconds: 1.5 });
  makeClip(join(dir, 'clip.mov'), 30, { size: '32x32', rate: 15, seconds: 1 });
  makeClip(join(dir, 'clip.webm'), 40, { size: '32x24', rate: 10, seconds: 2 });
  makeClip(join(dir, 'clip.mkv'), 50, { size: '64x48', rate: 25, seconds: 1 });
  makeClip(join(dir, 'clip.avi'), 60, { size: '32x24', rate: 8, seconds: 1 });
  for (const name of ['faststart.mp4', 'moov-at-end.mp4']) {
    const whole = readFileSync(join(dir, name));
    writeFileSync(join(dir, `cut-${name}`), whole.subarray(0, Math.floor(whole.length / 2)));
  }
  let state = 42;
  writeFileSync(
    join(dir, 'random.mp4'),
    Buffer.from(Array.from({ length: 3000 }, () => ((state = (state * 1103515245 + 12345) % 2 ** 31) >> 16) & 0xff)),
  );
  writeFileSync(join(dir, 'empty.mp4'), '');
  const reports = {};
  for (const name of readdirSync(dir)
    .filter(n => n !== 'ffprobe.json')
    .sort()) {
    const run = spawnSync(
      'ffprobe',
      [
        '-v',
        'error',
        '-show_entries',
        'format=format_name,duration:stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,' +
          'nb_frames,duration',
        '-of',
        'json',
        join(dir, name),
      ],
      { encoding: 'utf8' },
    );
    reports[name] = {
      exit: run.status,
      ...(run.status === 0 ? JSON.parse(run.stdout) : { error: run.stderr.trim().replace(join(dir, name), name) }),
    };
  }
  writeFileSync(
    join(dir, 'ffprobe.json'),
    `${JSON.stringify({ ffprobe: ffprobeVersion(), files: reports }, null, 2)}\n`,
  );
}

kineticsMini();
dialects(cvdfMini());
probeFixtures();
console.log('fixtures written to', fixtures);

function ffprobeVersion() {
  return execFileSync('ffprobe', ['-version']).toString().split('\n')[0];
}
