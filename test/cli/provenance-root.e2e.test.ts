import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

function project(): string {
  const dir = tempDir();
  cpSync(fixture('kinetics-mini'), join(dir, 'data', 'k400'), { recursive: true });
  mkdirSync(join(dir, 'configs', 'manifests'), { recursive: true });
  return dir;
}

const sourceOf = (file: string): { given: string; root: string } =>
  JSON.parse(readFileSync(file, 'utf8')).provenance.source;

describe('the dataset root in the provenance (relative to the manifest)', () => {
  it('records tree, ./tree and tree/ alike, relative to the manifest folder', async () => {
    const dir = project();
    for (const [i, given] of ['data/k400', './data/k400', 'data/k400/'].entries()) {
      const run = await runMain(['slice', given, '--count', '5', '-o', `configs/manifests/m${i}.csv`, '-q'], {
        cwd: dir,
      });
      assert.equal(run.status, 0, run.stderr);
    }
    const meta = (i: number): string => readFileSync(join(dir, 'configs', 'manifests', `m${i}.csv.meta.json`), 'utf8');
    assert.equal(meta(1), meta(0));
    assert.equal(meta(2), meta(0));
    assert.deepEqual(
      { ...sourceOf(join(dir, 'configs', 'manifests', 'm0.csv.meta.json')), layout: undefined, splits: undefined },
      { given: 'data/k400', root: '../../data/k400', layout: undefined, splits: undefined },
    );
  });

  it('keeps an absolute root absolute', async () => {
    const dir = project();
    const out = join(dir, 'm.json');
    assert.equal((await runMain(['slice', join(dir, 'data', 'k400'), '--count', '3', '-o', out, '-q'])).status, 0);
    assert.equal(sourceOf(out).root, join(dir, 'data', 'k400'));
  });

  it('lets verify and materialize find the data of a config in another folder, from anywhere', async () => {
    const dir = project();
    const config = { source: '../data/k400', slices: { ten: { percent: 10, output: 'manifests/ten.csv' } } };
    writeFileSync(join(dir, 'configs', 'slices.json'), JSON.stringify(config));
    assert.equal((await runMain(['run', 'configs/slices.json', '-q'], { cwd: dir })).status, 0);
    assert.equal(sourceOf(join(dir, 'configs', 'manifests', 'ten.csv.meta.json')).root, '../../data/k400');
    const elsewhere = tempDir();
    const manifest = join(dir, 'configs', 'manifests', 'ten.csv');
    const verify = await runMain(['verify', manifest], { cwd: elsewhere });
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stderr, /15 rows checked against .*data\/k400: all present/);
    const fromConfigs = await runMain(['verify', 'manifests/ten.csv'], { cwd: join(dir, 'configs') });
    assert.equal(fromConfigs.status, 0, fromConfigs.stderr);
    const built = await runMain(['materialize', manifest, join(elsewhere, 'built'), '-q'], { cwd: elsewhere });
    assert.equal(built.status, 0, built.stderr);
  });

  it(
    'still reads the root of a manifest written ' + 'before root was recorded (given, from the working folder)',
    async () => {
      const dir = project();
      const out = join(dir, 'old.json');
      assert.equal((await runMain(['slice', 'data/k400', '--count', '3', '-o', out, '-q'], { cwd: dir })).status, 0);
      const manifest = JSON.parse(readFileSync(out, 'utf8'));
      delete manifest.provenance.source.root;
      writeFileSync(out, JSON.stringify(manifest));
      assert.equal((await runMain(['verify', out], { cwd: dir })).status, 0);
      assert.equal((await runMain(['verify', out], { cwd: tempDir() })).status, 2);
    },
  );
});
