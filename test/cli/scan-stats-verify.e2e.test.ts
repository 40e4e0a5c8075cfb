import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from '../helpers/in-process.js';
import { fixture, PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const MINI_TABLE = `class                                clips  train  val  zero-byte
abseiling                                7      5    2          0
air drumming                            50     42    8          0
hurling (sport)                          2      1    1          0
massaging person's head                  6      4    2          0
passing American football (in game)      9      6    3          0
playing pétanque                         6      5    1          0
total (6 classes)                       80     63   17          0
`;

describe('k400-slice stats, scan, verify (end to end)', () => {
  it('stats prints a per-class table of a root, the same of its index, and JSON with --json', async () => {
    const root = await runMain(['stats', 'fixtures/kinetics-mini']);
    assert.equal(root.stdout, MINI_TABLE);
    assert.equal(root.status, 0);
    const dir = tempDir();
    assert.equal((await runMain(['scan', 'fixtures/kinetics-mini', '-o', join(dir, 'i.jsonl'), '-q'])).status, 0);
    assert.equal((await runMain(['stats', join(dir, 'i.jsonl')])).stdout, MINI_TABLE);
    assert.equal((await runMain(['stats', 'fixtures/kinetics-mini', '--threads', '4'])).stdout, MINI_TABLE);
    const json = JSON.parse(
      (await runMain(['stats', 'fixtures/kinetics-mini', '--split', 'val', '--json'])).stdout,
    ) as {
      totals: Record<string, unknown>;
      classes: { label: string; clips: number }[];
    };
    assert.deepEqual(json.totals, { clips: 17, classes: 6, splits: { val: 17 }, missing: null, zero_byte: 0 });
    assert.deepEqual(
      json.classes.map(c => c.clips),
      [2, 8, 1, 2, 3, 1],
    );
  });

  it('stats of a CVDF root shows missing and zero-byte clips; of a manifest, its rows', async () => {
    const cvdf = (await runMain(['stats', 'fixtures/cvdf-mini', '--split', 'train'])).stdout.split('\n');
    assert.equal(cvdf[0], 'class                                clips  missing  zero-byte');
    // The empty file is counted as zero-byte, not as a clip: 4 clips, 21 in all (as slice finds eligible).
    assert.equal(cvdf[2], 'air drumming                             4        0          1');
    assert.equal(cvdf[6], 'total (5 classes)                       21        3          1');
    const manifest = (await runMain(['stats', 'fixtures/golden/kinetics-mini-percent-50-seed-1.csv'])).stdout.split(
      '\n',
    );
    assert.equal(manifest.at(-2), 'total (6 classes)                       43     33   10');
  });

  it('scan writes an index whose header has the source and fingerprint, one clip a line', async () => {
    const dir = tempDir();
    const index = join(dir, 'k.jsonl');
    const run = await runMain(['scan', 'fixtures/cvdf-mini', '-o', index, '--report', join(dir, 'r.json')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /\nk400-slice: indexed 36 clips -> .*k\.jsonl, .*r\.json\n$/);
    const lines = readFileSync(index, 'utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0] as string) as { source: { layout: string }; clips: number; fingerprint: string };
    assert.equal(header.source.layout, 'cvdf');
    assert.equal(header.clips, 36);
    assert.match(header.fingerprint, /^md5-sum:[0-9a-f]{32}$/);
    assert.equal(lines.length, 37);
    assert.deepEqual(Object.keys(JSON.parse(lines[1] as string)), [
      'path',
      'label',
      'clip_id',
      'youtube_id',
      'time_start',
      'time_end',
      'split',
      'size_bytes',
    ]);
    for (const threads of ['1', '5']) {
      const again = join(dir, `k-${threads}.jsonl`);
      assert.equal((await runMain(['scan', 'fixtures/cvdf-mini', '--threads', threads, '-o', again, '-q'])).status, 0);
      assert.equal(readFileSync(again, 'utf8'), `${lines.join('\n')}\n`);
    }
    // The root is recorded as seen from the index's folder, so the index works from any working folder.
    const recorded = (JSON.parse(lines[0] as string) as { source: { root: string } }).source.root;
    assert.equal(resolve(dir, recorded), resolve(PACKAGE_ROOT, 'fixtures/cvdf-mini'));
  });

  it('--report writes the reconciliation; --strict then exits 2 and writes no manifest', async () => {
    const dir = tempDir();
    const out = join(dir, 'm.csv');
    const run = await runMain([
      'slice',
      'fixtures/cvdf-mini',
      '--split',
      'train',
      '--percent',
      '50',
      '--strict',
      '--report',
      join(dir, 'r.json'),
      '-o',
      out,
    ]);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'k400-slice: error: --strict: the source has 3 missing, 1 zero-byte, 1 duplicate, 1 unannotated (see ' +
        '--report FILE for the clips, fix the copy, or drop --strict)\n',
    );
    assert.equal(existsSync(out), false);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
      totals: Record<string, number>;
      classes: Record<string, Record<string, number>>;
    };
    assert.deepEqual(report.totals, {
      annotated: 25,
      files: 24,
      matched: 22,
      missing: 3,
      unannotated: 1,
      zero_byte: 1,
      corrupt: 0,
      duplicates: 1,
      junk: 3,
      unexpected_ext: 1,
    });
    assert.deepEqual(Object.keys(report.classes), [
      'abseiling',
      'air drumming',
      "massaging person's head",
      'passing American football (in game)',
      'zumba',
    ]);
  });

  it('--ids-file keeps what a published list names and says how many listed ids matched nothing', async () => {
    const run = await runMain([
      'slice',
      'fixtures/cvdf-mini',
      '--split',
      'train',
      '--ids-file',
      'fixtures/lists/with-unknown-ids.txt',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trimEnd().split('\n').length, 5);
    assert.match(
      run.stderr,
      /warning: --ids-file: 2 of 6 listed ids name no clip of the source .*AAAAAAAAAAA, nosuchclip_000001_000011\)/,
    );
    const excluded = await runMain([
      'slice',
      'fixtures/cvdf-mini',
      '--split',
      'train',
      '--exclude-ids-file',
      'fixtures/lists/kinetics100-cmn.list',
      '-q',
    ]);
    assert.equal(excluded.stdout.trimEnd().split('\n').length, 1 + 22 - 1 - 4); // the empty file is never selected
  });

  it('--label-style spells the label column', async () => {
    const run = await runMain([
      'slice',
      'fixtures/kinetics-mini',
      '--split',
      'train',
      '--classes',
      'passing American football (in game)',
      '--label-style',
      'torchvision',
      '--count',
      '1',
      '-q',
    ]);
    assert.equal(run.stdout.split('\n')[1]?.split(',')[1], 'passing_American_football_in_game');
  });

  it('verify passes on an intact copy and lists what is missing, empty or changed', async () => {
    const dir = tempDir();
    const root = join(dir, 'data');
    cpSync(fixture('kinetics-mini'), root, { recursive: true });
    const manifest = join(dir, 'm.json');
    assert.equal((await runMain(['slice', root, '--split', 'val', '-o', manifest, '-q'])).status, 0);
    const ok = await runMain(['verify', manifest]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(ok.stderr, `k400-slice: 17 rows checked against ${root}: all present\n`);
    const rows = (JSON.parse(readFileSync(manifest, 'utf8')) as { clips: { path: string; size_bytes: number }[] })
      .clips;
    rmSync(join(root, rows[0]?.path as string));
    truncateSync(join(root, rows[1]?.path as string), 0);
    writeFileSync(join(root, rows[2]?.path as string), 'different');
    const bad = await runMain(['verify', manifest]);
    assert.equal(bad.status, 1);
    assert.equal(
      bad.stdout,
      [
        `missing: row 1: ${rows[0]?.path}`,
        `empty: row 2: ${rows[1]?.path}`,
        `changed: row 3: ${rows[2]?.path} (9 bytes, the manifest says ${rows[2]?.size_bytes})`,
        '',
      ].join('\n'),
    );
    assert.equal(bad.stderr, `k400-slice: error: 17 rows checked against ${root}: 3 problems\n`);
  });

  it('verify never opens a path that is absolute or climbs out of the root', async () => {
    const dir = tempDir();
    const manifest = join(dir, 'm.csv');
    writeFileSync(
      manifest,
      'path,label,label_index,clip_id,youtube_id,time_start,time_end,split\n../../etc/passwd,a,0,x,,,,\n' +
        '/etc/hostname,a,0,y,,,,\ntrain/abseiling/../../../package.json,a,0,z,,,,\n',
    );
    const run = await runMain(['verify', manifest, '--root', 'fixtures/kinetics-mini']);
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      'outside the root, not opened: row 1: ../../etc/passwd\noutside the root, not opened: row 2: ' +
        '/etc/hostname\noutside the root, not opened: row 3: train/abseiling/../../../package.json\n',
    );
    const noRoot = await runMain(['verify', manifest]);
    assert.equal(noRoot.status, 2);
    assert.equal(noRoot.stderr, `k400-slice: error: manifest ${manifest} records no dataset root (pass --root DIR)\n`);
  });

  it('verify reports a bad row by number and field', async () => {
    const dir = tempDir();
    const manifest = join(dir, 'm.csv');
    writeFileSync(
      manifest,
      'path,label,label_index,clip_id,youtube_id,time_start,time_end,split\na.mp4,a,0,a,,,,\nb.mp4,b,minus one,b,,,,\n',
    );
    const run = await runMain(['verify', manifest, '--root', '.']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr.split('\n').length, 2, 'one line');
    assert.match(
      run.stderr,
      /^k400-slice: error: manifest .*m\.csv: row 3, field label_index: invalid input: expected number/,
    );
    assert.match(run.stderr, /\(write it again with k400-slice slice, or fix that row\)\n$/);
  });
});
