import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipKey } from '../../src/select/clip-key.js';
import { keysFor } from '../../src/select/clip-rows.js';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

/** The fixture's videos, and one clip id again in another class folder: a duplicate for the walk to drop. */
function treeWithDuplicate(): string {
  const dir = tempDir();
  writeTree(dir, {
    'abseiling/aaaaaaaaaaa_000001_000011.mp4': 'one',
    'abseiling/bbbbbbbbbbb_000002_000012.mp4': 'two',
    'zumba/aaaaaaaaaaa_000001_000011.mp4': 'one again',
    'zumba/ccccccccccc_000003_000013.mp4': 'three',
  });
  return dir;
}

// `scan` walks with no seed: no selection key is hashed and no folder sorted, since nothing is selected.
describe('a walk that nothing will select from (scan)', () => {
  for (const [name, root] of [
    ['the fixture', fixture('kinetics-mini')],
    ['a tree with a duplicate', treeWithDuplicate()],
  ] as const)
    for (const threads of [1, 2])
      it(`finds in ${name} what a keyed walk finds, duplicates and fingerprint too (${threads} threads)`, async () => {
        const keyed = await loadSource(root, { threads });
        const unkeyed = await loadSource(root, { threads, seed: null });
        assert.equal(unkeyed.table.keySeed, null);
        const rows = (source: typeof keyed) => source.clips.map(clip => `${clip.path}\t${clip.sizeBytes}`).sort();
        assert.deepEqual(rows(unkeyed), rows(keyed));
        assert.deepEqual(unkeyed.report.duplicates, keyed.report.duplicates);
        assert.equal(unkeyed.fingerprint, keyed.fingerprint);
        if (name !== 'the fixture') assert.equal(keyed.report.duplicates.length, 1);
      });

  it('has its keys hashed for a seed when one is asked for', async () => {
    const source = await loadSource(fixture('kinetics-mini'), { seed: null });
    const keys = keysFor(source.table, 'k400');
    for (let row = 0; row < source.table.rows; row++)
      assert.equal(keys[row], clipKey('k400', source.table.clipId(row)));
  });
});
