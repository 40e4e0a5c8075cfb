import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { manifestSchema, sidecarSchema } from '../../src/manifest/schema.js';
import { goldenProject } from '../helpers/golden.js';
import { runMain } from '../helpers/in-process.js';
import { fixture, PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const MINI = 'fixtures/kinetics-mini';
const READ_LINE =
  `k400-slice: read ${MINI} (split-class-tree: train, val), 6 classes: 80 videos; skipped 4 files ` +
  `(1 hidden, 1 macOS ._, 1 partial download, 1 other extension)\n`;
const GOLDEN = fixture('golden', 'kinetics-mini-percent-50-seed-1.csv');

describe('k400-slice slice (end to end)', () => {
  it('prints the golden manifest for --percent 50 --seed 1, with the summary on stderr', async () => {
    const run = await runMain(['slice', MINI, '--percent', '50', '--seed', '1']);
    assert.equal(run.stderr, `${READ_LINE}k400-slice: selected 43 clips of 80 eligible in 6 classes -> stdout\n`);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, readFileSync(GOLDEN, 'utf8'));
  });

  it('writes the manifest and its provenance sidecar; the golden pair pins both', async () => {
    const dir = goldenProject();
    const out = join(dir, 'fixtures', 'golden', 'm.csv');
    const run = await runMain(['slice', MINI, '--percent', '50', '--seed', '1', '-o', out], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(readFileSync(out, 'utf8'), readFileSync(GOLDEN, 'utf8'));
    assert.equal(readFileSync(`${out}.meta.json`, 'utf8'), readFileSync(`${GOLDEN}.meta.json`, 'utf8'));
    const meta = sidecarSchema.parse(JSON.parse(readFileSync(`${out}.meta.json`, 'utf8')));
    assert.equal(meta.provenance.seed, '1');
    assert.equal(meta.provenance.counts.selected, 43);
    assert.equal(meta.provenance.source.root, '../kinetics-mini');
    assert.deepEqual(readdirSync(join(dir, 'fixtures', 'golden')).sort(), ['m.csv', 'm.csv.meta.json']);
  });

  it('gives the golden pair whatever number of threads walks the root (--threads)', async () => {
    const dir = goldenProject();
    for (const threads of ['1', '3', '12']) {
      const out = join(dir, 'fixtures', 'golden', `m${threads}.csv`);
      const run = await runMain(['slice', MINI, '--percent', '50', '--seed', '1', '--threads', threads, '-o', out], {
        cwd: dir,
      });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(readFileSync(out, 'utf8'), readFileSync(GOLDEN, 'utf8'));
      assert.equal(readFileSync(`${out}.meta.json`, 'utf8'), readFileSync(`${GOLDEN}.meta.json`, 'utf8'));
    }
  });

  it('does not rewrite an unchanged manifest, so Make sees no change', async () => {
    const dir = tempDir();
    const out = join(dir, 'm.csv');
    assert.equal((await runMain(['slice', MINI, '--per-class', '2', '-o', out, '-q'])).status, 0);
    const old = new Date(2001, 1, 1);
    utimesSync(out, old, old);
    const again = await runMain(['slice', MINI, '--per-class', '2', '-o', out]);
    assert.equal(again.status, 0);
    assert.match(again.stderr, /-> .*m\.csv \(unchanged\), .*m\.csv\.meta\.json \(unchanged\)\n$/);
    assert.equal(statSync(out).mtimeMs, old.getTime());
  });

  it('gives byte-identical manifests from another directory and another spelling of the root', async () => {
    const dir = tempDir();
    const here = (await runMain(['slice', MINI, '--count', '20', '--seed', 'x'])).stdout;
    const elsewhere = (
      await runMain(['slice', join(PACKAGE_ROOT, 'fixtures', '.', 'kinetics-mini'), '--count', '20', '--seed', 'x'], {
        cwd: dir,
      })
    ).stdout;
    assert.equal(elsewhere, here);
    assert.equal(here.trimEnd().split('\n').length, 21);
  });

  it('writes JSON that the manifest schema reads, with the label space in classes', async () => {
    const run = await runMain([
      'slice',
      MINI,
      '--split',
      'val',
      '--classes',
      'air_drumming,hurling_sport',
      '--format',
      'json',
      '--relabel',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const manifest = manifestSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(manifest.classes, [
      { label: 'air drumming', label_index: 0, clips: 8 },
      { label: 'hurling (sport)', label_index: 1, clips: 1 },
    ]);
    assert.deepEqual(manifest.provenance.options.classes, ['air drumming', 'hurling (sport)']);
    assert.ok(manifest.clips.every(c => c.split === 'val' && c.size_bytes !== null && c.size_bytes > 0));
  });

  it('takes --label-map indices and --absolute paths', async () => {
    const dir = tempDir();
    const map = join(dir, 'map.txt');
    writeFileSync(map, 'playing pétanque\nhurling_(sport)\n');
    const run = await runMain([
      'slice',
      MINI,
      '--split',
      'train',
      '--classes',
      'playing pétanque,hurling (sport)',
      '--label-map',
      map,
      '--absolute',
      '--format',
      'jsonl',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const rows = run.stdout
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line) as { label: string; label_index: number; path: string });
    assert.deepEqual(
      [...new Set(rows.map(r => `${r.label}=${r.label_index}`))],
      ['hurling (sport)=1', 'playing pétanque=0'],
    );
    for (const row of rows) assert.ok(existsSync(row.path), row.path);
  });

  it('--shuffle keeps the rows and changes their order, reproducibly', async () => {
    const plain = (await runMain(['slice', MINI, '--split', 'train'])).stdout.split('\n');
    const shuffled = (await runMain(['slice', MINI, '--split', 'train', '--shuffle', '--seed', '3'])).stdout.split(
      '\n',
    );
    assert.equal(shuffled[0], plain[0]);
    assert.deepEqual([...shuffled].sort(), [...plain].sort());
    assert.notDeepEqual(shuffled, plain);
    assert.deepEqual(
      (await runMain(['slice', MINI, '--split', 'train', '--shuffle', '--seed', '3'])).stdout.split('\n'),
      shuffled,
    );
  });

  it('warns about classes kept whole under --per-class, and --quiet silences everything', async () => {
    const run = await runMain(['slice', MINI, '--split', 'val', '--per-class', '3', '-o', '-']);
    assert.equal(run.status, 0);
    assert.ok(
      run.stderr.includes(
        '\nk400-slice: warning: 4 classes have fewer than 3 clips and are kept whole: val/abseiling (2), ' +
          "val/hurling (sport) (1), val/massaging person's head (2), val/playing pétanque (1)\n",
      ),
      run.stderr,
    );
    const quiet = await runMain(['slice', MINI, '--split', 'val', '--per-class', '3', '--quiet']);
    assert.equal(quiet.stderr, '');
    assert.equal(quiet.stdout, run.stdout);
  });

  it('exits 1 naming the filter that removed everything, and writes nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'm.csv');
    const run = await runMain(['slice', MINI, '--classes', 'abseiling', '--exclude-classes', 'abseiling', '-o', out]);
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      'k400-slice: error: nothing selected: --exclude-classes removed every remaining clip (check the filters ' +
        'against `k400-slice stats`)\n',
    );
    assert.equal(existsSync(out), false);
  });

  describe('bad input: one line, exit 2, nothing written or clobbered', () => {
    const cases: [string, string[], string][] = [
      ['missing root', ['slice', 'no/such/root'], "dataset root 'no/such/root' does not exist (check the path)"],
      [
        'root is a file',
        ['slice', 'package.json'],
        "dataset root 'package.json' is a file, not a folder, and fits no layout: annotations-only: a ROOT is " +
          'given; s3-inventory, gcs-inventory, gcloud-ls, aws-s3-ls, path-listing: not a bucket listing; ' +
          'parquet-index: not a Parquet file; index: no k400-slice index header; cvdf, annotations, ' +
          'split-tree, class-tree: is a file, not a folder (pass the folder that holds the class folders, or an ' +
          'index made by k400-slice scan)',
      ],
      [
        'no videos',
        ['slice', 'src'],
        "no videos found below 'src' (looked for .avi .mkv .mov .mp4 .webm; use --ext to name other extensions)",
      ],
      [
        'percent zero',
        ['slice', MINI, '--percent', '0'],
        "--percent must be a number above 0 and at most 100, got '0' (for example --percent 10 or --percent 2.5)",
      ],
      [
        'percent above 100',
        ['slice', MINI, '--percent', '100.5'],
        "--percent must be a number above 0 and at most 100, got '100.5' (for example --percent 10 or --percent 2.5)",
      ],
      [
        'count not a number',
        ['slice', MINI, '--count', '1.5'],
        "--count must be a whole number above 0, got '1.5' (for example --count 1000)",
      ],
      [
        'per-class zero',
        ['slice', MINI, '--per-class', '0'],
        "--per-class must be a whole number above 0, got '0' (for example --per-class 50)",
      ],
      [
        'two strategies',
        ['slice', MINI, '--percent', '10', '--per-class', '3'],
        '--per-class cannot be combined with --percent (choose one size strategy: --percent, --per-class or --count)',
      ],
      [
        'unknown class',
        ['slice', MINI, '--classes', 'air drum'],
        "--classes: no class named 'air drum' (did you mean 'air drumming'?)",
      ],
      [
        'count above eligible',
        ['slice', MINI, '--count', '81'],
        '--count 81: only 80 eligible clips (ask for at most 80, or add --allow-fewer to take them all)',
      ],
      [
        'stratified alone',
        ['slice', MINI, '--stratified'],
        '--stratified needs --count (it shares --count N across classes)',
      ],
      [
        'unknown option',
        ['slice', MINI, '--percnt', '5'],
        "unknown option '--percnt' (Did you mean --percent?) (see k400-slice slice --help)",
      ],
      [
        'bad format',
        ['slice', MINI, '--format', 'xml'],
        "option '--format <name>' argument 'xml' is invalid. Allowed choices are csv, json, jsonl, mmaction, " +
          'pytorchvideo, dali, kinetics, urls, yt-dlp. (see k400-slice slice --help)',
      ],
      [
        'unknown split',
        ['slice', MINI, '--split', 'test'],
        '--split test: no such split folder (the splits are: train, val)',
      ],
      [
        'threads zero',
        ['slice', MINI, '--threads', '0'],
        "--threads must be a whole number from 1 to 256, got '0' (for example --threads 32)",
      ],
      [
        'threads too many',
        ['slice', MINI, '--threads', '257'],
        "--threads must be a whole number from 1 to 256, got '257' (for example --threads 32)",
      ],
    ];
    for (const [name, args, message] of cases) {
      it(name, async () => {
        const dir = tempDir();
        const out = join(dir, 'keep.csv');
        writeFileSync(out, 'precious\n');
        const run = await runMain([...args, '-o', out]);
        assert.equal(run.stderr, `k400-slice: error: ${message}\n`);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.equal(readFileSync(out, 'utf8'), 'precious\n');
        assert.deepEqual(readdirSync(dir), ['keep.csv']);
      });
    }

    it('output folder missing: made when the slice commits, never when it fails', async () => {
      const dir = tempDir();
      const failed = await runMain(['slice', MINI, '--classes', 'nope', '-o', join(dir, 'no/such/m.csv')]);
      assert.equal(failed.status, 2);
      assert.deepEqual(readdirSync(dir), []);
      const run = await runMain(['slice', MINI, '--percent', '10', '-o', join(dir, 'no/such/m.csv')]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(readdirSync(join(dir, 'no/such')).sort(), ['m.csv', 'm.csv.meta.json']);
    });
  });

  it('--help names defaults and choices, shows examples and exit codes; --version is package.json', async () => {
    const help = await runMain(['slice', '--help']);
    assert.equal(help.status, 0);
    for (const needle of [
      '(default: 0)',
      '(default: 1)',
      'choices: "csv",',
      'Examples:',
      '--count 1000 --stratified',
      'Exit codes:',
      '2  usage or input error',
    ]) {
      assert.ok(help.stdout.includes(needle), `help lacks ${needle}`);
    }
    const version = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal((await runMain(['--version'])).stdout, `${version.version}\n`);
  });
});
