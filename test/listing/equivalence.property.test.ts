import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clipsArb } from '../helpers/datasets.js';
import { tempDir } from '../helpers/temp.js';
import { LISTING_WRITERS, manifestWithoutSource, writeKeys } from './listing-helpers.js';

// The central property of listings (issue 12, item 2): a listing of a tree slices to the manifest the tree
// slices to, byte for byte but for where the source was read, whatever the format, strategy and seed.

const junkArb = fc.subarray([
  '.DS_Store',
  'notes.txt',
  'clip.mp4.part',
  '._clip.mp4',
  'not kinetics 1.mp4',
  'sub/deeper clip.MKV',
  '.hidden/x.mp4',
]);

const strategyArb = fc.constantFrom(
  ['--percent', '40'],
  ['--per-class', '2'],
  ['--count', '7', '--allow-fewer'],
  ['--count', '9', '--stratified', '--allow-fewer'],
  ['--percent', '100', '--shuffle'],
);

describe('a listing of a generated tree', () => {
  it('slices to the tree manifest in every format, for every strategy and seed', async () => {
    const base = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        clipsArb({ minClips: 1, maxClips: 60 }),
        junkArb,
        fc.constantFrom(...Object.keys(LISTING_WRITERS)),
        strategyArb,
        // A seed that starts with '-' is refused as looking like an option, from a tree as from a listing.
        fc.string({ maxLength: 6 }).filter(seed => !seed.startsWith('-')),
        fc.constantFrom('k400/', 'data/kinetics 700/'),
        async (clips, junk, format, strategy, seed, prefix) => {
          // A slice of nothing but empty files selects nothing, from a tree as from a listing.
          fc.pre(clips.some(c => c.sizeBytes !== 0));
          const dir = join(base, String(run++));
          mkdirSync(dir);
          const keys: [string, number][] = clips.map(c => [
            c.path,
            c.sizeBytes === 0 ? 0 : 1 + ((c.sizeBytes as number) % 997),
          ]);
          const first = clips[0];
          const folder = first?.split === null ? first.label : `${first?.split}/${first?.label}`;
          for (const name of junk) keys.push([`${folder}/${name}`, 13]);
          writeKeys(join(dir, 'tree'), keys);
          const listing = LISTING_WRITERS[format]?.(dir, prefix, keys);
          assert.ok(listing);
          const options = [...strategy, '--seed', seed];
          const expected = await manifestWithoutSource(['slice', join(dir, 'tree'), ...options], join(dir, 't.json'));
          const got = await manifestWithoutSource(
            ['slice', listing.file, ...listing.args, ...options],
            join(dir, 'l.json'),
          );
          assert.equal(got, expected, format);
        },
      ),
      { numRuns: 40 },
    );
  });
});
