import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { layoutNames, registerLoader } from '../../src/source/loaders/index.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { pathListLoader } from './path-list-loader.js';

const dir = tempDir();
const clips = {
  'abseiling/aaaaaaaaaaa_000000_000010.mp4': 10,
  'abseiling/bbbbbbbbbbb_000000_000010.mp4': 20,
  'abseiling/ccccccccccc_000000_000010.mp4': 30,
  'zumba/ddddddddddd_000005_000015.mp4': 40,
  'zumba/eeeeeeeeeee_000005_000015.mp4': 50,
};
writeTree(dir, clips);
const LIST = join(dir, 'clips.paths.txt');
writeFileSync(LIST, `${Object.keys(clips).join('\n')}\n`);

describe('a layout added by registering a loader', () => {
  // The one line a new layout adds (built-in ones add it to the registry's list instead). Registered for this
  // suite only: other test files share the process and expect the built-in registry.
  let unregister = (): void => undefined;
  before(() => {
    unregister = registerLoader(pathListLoader);
  });
  after(() => unregister());
  it('is a --layout choice and in the help', async () => {
    assert.equal(layoutNames().at(-1), 'path-list');
    const help = await runMain(['slice', '--help']);
    assert.match(help.stdout.replace(/\s+/g, ' '), /class-tree, path-list/);
    assert.match(help.stdout, /\n {2}path-list {9}a \*\.paths\.txt file: one <class>\/<file> a line/);
  });

  it('is detected and sliced like any other source, its layout in the provenance', async () => {
    const output = join(dir, 'm.jsonl');
    const run = await runMain(['slice', LIST, '--per-class', '2', '-o', output, '-q']);
    assert.equal(run.status, 0, run.stderr);
    const rows = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    assert.deepEqual(
      rows.map(row => [row.label, row.label_index]),
      [
        ['abseiling', 0],
        ['abseiling', 0],
        ['zumba', 1],
        ['zumba', 1],
      ],
    );
    assert.ok(rows.every(row => clips[row.path as keyof typeof clips] === row.size_bytes));
    const meta = JSON.parse(readFileSync(`${output}.meta.json`, 'utf8'));
    assert.equal(meta.provenance.source.layout, 'path-list');
    const forced = await runMain(['slice', LIST, '--layout', 'path-list', '--per-class', '2', '-o', '-', '-q']);
    const detected = await runMain(['slice', LIST, '--per-class', '2', '-o', '-', '-q']);
    assert.equal(forced.stdout, detected.stdout);
    assert.equal(forced.stdout.split('\n').length, 6);
  });

  it('refuses what it does not read, with its reason, and names it among the candidates', async () => {
    const folder = await runMain(['slice', dir, '--layout', 'path-list', '-o', '-']);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /^k400-slice: error: --layout path-list does not fit '.*': not a file \(/);
    const other = join(dir, 'notes.txt');
    writeFileSync(other, 'abseiling/aaaaaaaaaaa_000000_000010.mp4\n');
    const none = await runMain(['slice', other, '-o', '-']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /; path-list: not a \*\.paths\.txt file \(/);
  });
});
