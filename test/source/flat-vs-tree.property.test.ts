import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { knownClasses } from '../../src/api/slice.js';
import { parsePercent } from '../../src/select/percent.js';
import { sliceClips } from '../../src/select/slice.js';
import type { SizeSpec } from '../../src/select/strategies/index.js';
import { loadSource } from '../../src/source/load.js';
import { clipsArb } from '../helpers/datasets.js';
import { tempDir } from '../helpers/temp.js';

const sizes: SizeSpec[] = [
  { strategy: 'percent', percent: parsePercent('35') as NonNullable<ReturnType<typeof parsePercent>>, minPerClass: 1 },
  { strategy: 'per-class', perClass: 2 },
  { strategy: 'count', count: 5, allowFewer: true },
  { strategy: 'stratified-count', count: 6, allowFewer: true },
  { strategy: 'all' },
];

describe('the same clips in two layouts', () => {
  it('a flat folder and a class tree with one CSV select the same for every strategy and seed', async () => {
    const base = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        clipsArb({ maxClips: 40 }).map(clips => clips.map(c => ({ ...c, split: null }))),
        fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
        async (clips, seeds) => {
          const tree = join(base, `tree-${run}`);
          const flat = join(base, `flat-${run++}`);
          mkdirSync(join(flat, 'train'), { recursive: true });
          const unique = [...new Map(clips.map(c => [c.clipId, c])).values()];
          for (const clip of unique) {
            mkdirSync(join(tree, clip.label as string), { recursive: true });
            writeFileSync(
              join(tree, clip.label as string, `${clip.clipId}.mp4`),
              Buffer.alloc((clip.sizeBytes as number) % 97),
            );
            writeFileSync(join(flat, 'train', `${clip.clipId}.mp4`), Buffer.alloc((clip.sizeBytes as number) % 97));
          }
          const quote = (label: string): string => (/[ ,]/.test(label) ? `"${label}"` : label);
          const csv = [
            'label,youtube_id,time_start,time_end,split,is_cc',
            ...unique.map(c => `${quote(c.label as string)},${c.youtubeId},${c.timeStart},${c.timeEnd},train,0`),
          ];
          writeFileSync(join(flat, 'train.csv'), `${csv.join('\n')}\n`);
          if (unique.length === 0) return;
          // Rule v2: with annotations, classes are sized by their rows, so the tree reads the same CSV.
          const fromTree = await loadSource(tree, { annotations: [join(flat, 'train.csv')], threads: 0 });
          const fromFlat = await loadSource(flat, { annotations: [join(flat, 'train.csv')], threads: 0 });
          assert.equal(fromFlat.fingerprint, fromTree.fingerprint);
          for (const seed of seeds) {
            for (const size of sizes) {
              const pick = (source: typeof fromTree): string[] =>
                sliceClips(source.clips, {
                  seed,
                  keyOf: source.keyOf(seed),
                  size,
                  filters: [],
                  shuffle: false,
                  known: knownClasses(source, true, [], []),
                }).rows.map(c => c.clipId);
              assert.deepEqual(pick(fromFlat), pick(fromTree), `${size.strategy} seed ${JSON.stringify(seed)}`);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
