import assert from 'node:assert/strict';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** A project folder with the fixture dataset and a config, as a user would lay it out. */
function project(config: unknown): string {
  const dir = tempDir();
  cpSync(fixture('kinetics-mini'), join(dir, 'data', 'k400'), { recursive: true });
  mkdirSync(join(dir, 'manifests'));
  writeFileSync(join(dir, 'slices.json'), JSON.stringify(config));
  return dir;
}

const CONFIG = {
  source: 'data/k400',
  seed: 3,
  slices: {
    ten: { percent: 10, output: 'manifests/ten.csv' },
    tv: { split: 'train', percent: 50, splits: { train: 90, val: 10 }, output: 'manifests/tv-{split}.json' },
    shards: { split: 'val', shards: 3, output: 'manifests/val-{shard}.jsonl', format: 'jsonl' },
  },
};

describe('k400-slice run (end to end)', () => {
  it('writes every slice from one walk, byte-identical to the same slices from the command line', async () => {
    const dir = project(CONFIG);
    const run = await runMain(['run', 'slices.json'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readdirSync(join(dir, 'manifests')).sort(), [
      'ten.csv',
      'ten.csv.meta.json',
      'tv-train.json',
      'tv-val.json',
      'val-0.jsonl',
      'val-0.jsonl.meta.json',
      'val-1.jsonl',
      'val-1.jsonl.meta.json',
      'val-2.jsonl',
      'val-2.jsonl.meta.json',
    ]);
    const direct = await runMain(
      [
        'slice',
        'data/k400',
        '--seed',
        '3',
        '--split',
        'train',
        '--percent',
        '50',
        '--splits',
        'train=90,val=10',
        '-o',
        'manifests/cli-{split}.json',
      ],
      { cwd: dir },
    );
    assert.equal(direct.status, 0, direct.stderr);
    for (const part of ['train', 'val'])
      assert.equal(
        readFileSync(join(dir, 'manifests', `cli-${part}.json`), 'utf8'),
        readFileSync(join(dir, 'manifests', `tv-${part}.json`), 'utf8'),
      );
    assert.equal(
      (await runMain(['slice', 'data/k400', '--seed', '3', '--percent', '10'], { cwd: dir })).stdout,
      readFileSync(join(dir, 'manifests', 'ten.csv'), 'utf8'),
    );
    assert.match(run.stderr, /^k400-slice: ten: 15 clips -> manifests\/ten\.csv\n/);
  });

  it('leaves unchanged manifests alone, so Make rebuilds nothing', async () => {
    const dir = project(CONFIG);
    assert.equal((await runMain(['run', 'slices.json', '-q'], { cwd: dir })).status, 0);
    const file = join(dir, 'manifests', 'ten.csv');
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
    const again = await runMain(['run', 'slices.json'], { cwd: dir });
    assert.match(again.stderr, /ten: 15 clips -> manifests\/ten\.csv \(unchanged\)/);
    assert.equal(statSync(file).mtimeMs, new Date(2001, 0, 1).getTime());
  });

  it('--check: exit 0 when up to date; exit 1 naming any output changed or missing, with clip counts', async () => {
    const dir = project(CONFIG);
    assert.equal((await runMain(['run', 'slices.json', '-q'], { cwd: dir })).status, 0);
    const ok = await runMain(['run', 'slices.json', '--check', '--threads', '3'], { cwd: dir });
    assert.equal(ok.status, 0);
    assert.equal(ok.stderr, 'k400-slice: 10 outputs of 3 slices up to date\n');
    // Every output, changed in any way, fails the check.
    for (const name of readdirSync(join(dir, 'manifests'))) {
      const file = join(dir, 'manifests', name);
      const before = readFileSync(file);
      appendFileSync(file, name.endsWith('.csv') ? 'x.mp4,a,0,x,,,,\n' : ' ');
      const changed = await runMain(['run', 'slices.json', '--check'], { cwd: dir });
      assert.equal(changed.status, 1, `${name} changed`);
      assert.match(changed.stdout, new RegExp(`: manifests/${name.replace(/\./g, '\\.')} differs`));
      rmSync(file);
      const missing = await runMain(['run', 'slices.json', '--check'], { cwd: dir });
      assert.equal(missing.status, 1, `${name} missing`);
      assert.match(missing.stdout, new RegExp(`manifests/${name.replace(/\./g, '\\.')} is missing`));
      writeFileSync(file, before);
    }
    // Another seed changes clips: the check counts them.
    const drifted = JSON.parse(JSON.stringify(CONFIG)) as typeof CONFIG;
    drifted.seed = 4;
    writeFileSync(join(dir, 'slices.json'), JSON.stringify(drifted));
    const counted = await runMain(['run', 'slices.json', '--check'], { cwd: dir });
    assert.equal(counted.status, 1);
    assert.match(counted.stdout, /^ten: manifests\/ten\.csv differs \(\+\d+ -\d+ clips\)$/m);
    assert.match(
      counted.stderr,
      /^k400-slice: error: \d+ outputs of 3 slices out of date: run k400-slice run slices\.json\n$/,
    );
  });

  it('a broken config is exit 2 with one line per problem naming the slice and field, and writes nothing', async () => {
    const dir = project({
      source: 'data/k400',
      bogus: 1,
      slices: {
        a: { percent: 'ten', output: 'manifests/a.csv' },
        b: { perClass: 2, splits: { train: 9, val: 1 }, output: 'manifests/b.csv' },
        c: { count: 3, output: 'manifests/a.csv', colour: 'red' },
        d: { percent: 5 },
      },
    });
    const run = await runMain(['run', 'slices.json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      [
        'k400-slice: error: config slices.json: bogus: unknown option',
        'k400-slice: error: config slices.json: slices.a.percent must be a number above 0 and at most 100, got ' +
          "'ten' (for example percent 10 or percent 2.5)",
        'k400-slice: error: config slices.json: slices.b.output must hold {split} with splits, one file a part ' +
          '(for example manifests/b-{split}.csv)',
        'k400-slice: error: config slices.json: slices.c.colour: unknown option',
        "k400-slice: error: config slices.json: slices.d.output: required (where this slice's manifest goes)",
        '',
      ].join('\n'),
    );
    assert.deepEqual(readdirSync(join(dir, 'manifests')), []);
  });

  it('a value of the wrong JSON type is named in its error, and a config without slices names the file', async () => {
    const dir = project({
      source: 'data/k400',
      slices: { a: { percent: true, classes: [1], output: 'manifests/a.csv' }, b: { count: null, output: 'b.csv' } },
    });
    const run = await runMain(['run', 'slices.json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      [
        'k400-slice: error: config slices.json: slices.a.classes: must be a name or a list of names, got [1]',
        'k400-slice: error: config slices.json: slices.a.percent: must be a number or text, got true',
        'k400-slice: error: config slices.json: slices.b.count: must be a number or text, got null',
        '',
      ].join('\n'),
    );
    const empty = project({ source: 'data/k400', slices: {} });
    const none = await runMain(['run', 'slices.json'], { cwd: empty });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^k400-slice: error: config slices\.json: slices: required, an object of named slices/);
  });

  it('two slices writing one file is an error naming both', async () => {
    const dir = project({
      source: 'data/k400',
      slices: { a: { count: 2, output: 'manifests/x.csv' }, b: { count: 3, output: 'manifests/x.csv' } },
    });
    const run = await runMain(['run', 'slices.json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'k400-slice: error: config slices.json: slices.a and slices.b both write manifests/x.csv\n',
    );
  });

  it('--init writes a config that validates, and refuses to overwrite one', async () => {
    const dir = tempDir();
    const init = await runMain(['run', '--init', 'my.json'], { cwd: dir });
    assert.equal(init.status, 0);
    const config = JSON.parse(readFileSync(join(dir, 'my.json'), 'utf8')) as { slices: Record<string, unknown> };
    assert.deepEqual(Object.keys(config.slices), ['ten', 'tv']);
    assert.equal((await runMain(['run', '--init', 'my.json'], { cwd: dir })).status, 2);
    cpSync(fixture('kinetics-mini'), join(dir, 'data', 'k400'), { recursive: true });
    mkdirSync(join(dir, 'manifests'));
    assert.equal((await runMain(['run', 'my.json', '-q'], { cwd: dir })).status, 0);
    assert.ok(existsSync(join(dir, 'manifests', 'k400-tv-val.csv')));
  });
});

describe('k400-slice diff and materialize (end to end)', () => {
  it('diff counts clips only in A, only in B and label changes, per class; exit 1 on differences', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'a.csv'),
      'path,label,label_index,clip_id,youtube_id,time_start,time_end,split\na/1.mp4,a,0,1,,,,\na/2.mp4,a,0,2,,,,\n' +
        'b/3.mp4,b,1,3,,,,\n',
    );
    writeFileSync(
      join(dir, 'b.jsonl'),
      [
        '{"path":"a/1.mp4","label":"a","label_index":0,"clip_id":"1","youtube_id":null,"time_start":null,' +
          '"time_end":null,"split":null,"size_bytes":5}',
        '{"path":"c/3.mp4","label":"c","label_index":2,"clip_id":"3","youtube_id":null,"time_start":null,' +
          '"time_end":null,"split":null,"size_bytes":5}',
        '{"path":"c/4.mp4","label":"c","label_index":2,"clip_id":"4","youtube_id":null,"time_start":null,' +
          '"time_end":null,"split":null,"size_bytes":5}',
        '',
      ].join('\n'),
    );
    const json = await runMain(['diff', join(dir, 'a.csv'), join(dir, 'b.jsonl'), '--json']);
    assert.equal(json.status, 1);
    assert.deepEqual(JSON.parse(json.stdout), {
      only_a: 1,
      only_b: 1,
      label_changed: 1,
      label_respelled: 0,
      index_changed: 1,
      classes: {
        a: { only_a: 1, only_b: 0, label_changed: 0, label_respelled: 0, index_changed: 0 },
        b: { only_a: 0, only_b: 0, label_changed: 1, label_respelled: 0, index_changed: 1 },
        c: { only_a: 0, only_b: 1, label_changed: 0, label_respelled: 0, index_changed: 0 },
      },
    });
    const table = await runMain(['diff', join(dir, 'a.csv'), join(dir, 'b.jsonl')]);
    assert.equal(
      table.stdout,
      [
        'class  only in A  only in B  label changed  respelled  index changed',
        'a              1          0              0          0              0',
        'b              0          0              1          0              1',
        'c              0          1              0          0              0',
        'total          1          1              1          0              1',
        '',
      ].join('\n'),
    );
    const same = await runMain(['diff', join(dir, 'a.csv'), join(dir, 'a.csv')]);
    assert.equal(same.status, 0);
  });

  it('materialize builds DEST/<split>/<label>/<file>, changes nothing when re-run, and refuses clashes', async () => {
    const dir = tempDir();
    const manifest = join(dir, 'm.json');
    assert.equal(
      (await runMain(['slice', fixture('kinetics-mini'), '--split', 'val', '--per-class', '1', '-o', manifest, '-q']))
        .status,
      0,
    );
    const dest = join(dir, 'out');
    const first = await runMain(['materialize', manifest, dest]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stderr, `k400-slice: ${dest}: made 6 links, 0 already in place\n`);
    assert.deepEqual(readdirSync(join(dest, 'val')).sort(), [
      'abseiling',
      'air drumming',
      'hurling (sport)',
      "massaging person's head",
      'passing American football (in game)',
      'playing pétanque',
    ]);
    assert.equal(
      (await runMain(['materialize', manifest, dest])).stderr,
      `k400-slice: ${dest}: made 0 links, 6 already in place\n`,
    );
    const clash = await runMain(['materialize', manifest, dest, '--link', 'copy']);
    assert.equal(clash.status, 2);
    assert.match(
      clash.stderr,
      /exists and is not a copy of .* \(pass --force to replace such files, or choose an empty DEST\)\n$/,
    );
    assert.equal((await runMain(['materialize', manifest, dest, '--link', 'copy', '--force'])).status, 0);
    assert.equal(
      (await runMain(['materialize', manifest, dest, '--link', 'copy'])).stderr,
      `k400-slice: ${dest}: made 0 copies, 6 already in place\n`,
    );
  });

  it('materialize refuses a DEST that is a file; diff refuses files that are not manifests', async () => {
    const dest = await runMain(['materialize', 'fixtures/golden/kinetics-mini-val-per-class-1.jsonl', 'package.json']);
    assert.equal(dest.status, 2);
    assert.equal(
      dest.stderr,
      "k400-slice: error: DEST 'package.json' is a file, not a folder (give a folder to build in; it is made if " +
        'missing)\n',
    );
    const diff = await runMain(['diff', 'fixtures/golden/kinetics-mini-percent-50-seed-1.csv', 'README.md']);
    assert.equal(diff.status, 2);
    assert.match(diff.stderr, /^k400-slice: error: manifest README\.md: not a k400-slice manifest: /);
    assert.match(
      (await runMain(['diff', 'package.json', 'README.md'])).stderr,
      /^k400-slice: error: manifest package\.json: not a k400-slice manifest: /,
    );
  });

  it('materialize refuses a path outside the root and writes nothing', async () => {
    const dir = tempDir();
    const manifest = join(dir, 'm.csv');
    writeFileSync(
      manifest,
      'path,label,label_index,clip_id,youtube_id,time_start,time_end,split\ntrain/abseiling/x.mp4,a,0,x,,,,\n' +
        '../../etc/passwd,a,0,y,,,,\n',
    );
    const run = await runMain(['materialize', manifest, join(dir, 'out'), '--root', fixture('kinetics-mini')]);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      `k400-slice: error: manifest ${manifest}: row 2: '../../etc/passwd' leads outside the root (refusing to ` +
        `link it; fix the manifest)\n`,
    );
    assert.equal(existsSync(join(dir, 'out')), false);
  });
});
