import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { knownClasses } from '../../src/api/slice.js';
import type { Clip } from '../../src/clip.js';
import { parsePercent } from '../../src/select/percent.js';
import { sliceClips } from '../../src/select/slice.js';
import type { SizeSpec } from '../../src/select/strategies/index.js';
import { loadSource } from '../../src/source/load.js';
import type { Source } from '../../src/source/source.js';
import { clipsArb } from '../helpers/datasets.js';
import { fixture } from '../helpers/paths.js';
import { k400InProcess } from '../helpers/slice-in-process.js';
import { tempDir } from '../helpers/temp.js';

const sizes: SizeSpec[] = [
  { strategy: 'percent', percent: parsePercent('40') as NonNullable<ReturnType<typeof parsePercent>>, minPerClass: 1 },
  { strategy: 'per-class', perClass: 2 },
  { strategy: 'stratified-count', count: 7, allowFewer: true },
];

/** A class tree of `clips` (a file each, or none, or an empty one) and the CSV that annotates all of them. */
function writeCopy(dir: string, clips: readonly Clip[], state: (clip: Clip) => 'file' | 'gone' | 'empty'): void {
  for (const clip of clips) {
    const folder = join(dir, 'tree', clip.label as string);
    mkdirSync(folder, { recursive: true });
    const what = state(clip);
    if (what !== 'gone') writeFileSync(join(folder, `${clip.clipId}.mp4`), Buffer.alloc(what === 'empty' ? 0 : 3));
  }
  const quote = (label: string): string => (/[ ,]/.test(label) ? `"${label}"` : label);
  const rows = clips.map(c => `${quote(c.label as string)},${c.youtubeId},${c.timeStart},${c.timeEnd},train`);
  writeFileSync(join(dir, 'train.csv'), `label,youtube_id,time_start,time_end,split\n${rows.join('\n')}\n`);
}

function pick(source: Source, size: SizeSpec, seed: string): { ids: Set<string>; short: number } {
  const result = sliceClips(source.clips, {
    seed,
    keyOf: source.keyOf(seed),
    size,
    filters: [],
    shuffle: false,
    known: knownClasses(source, true, [], []),
  });
  return { ids: new Set(result.rows.map(c => c.clipId)), short: result.short.length };
}

describe('rule v2: quotas count the clips the annotations know', () => {
  it('a copy missing clips keeps every chosen clip still there, and picks nothing a full copy would not', async () => {
    const base = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        clipsArb({ minClips: 1, maxClips: 30, zeroBytes: false }).map(clips => [
          ...new Map(clips.map(c => [c.clipId, { ...c, split: 'train' }])).values(),
        ]),
        fc.func(fc.constantFrom<'file' | 'gone' | 'empty'>('file', 'file', 'gone', 'empty')),
        fc.string({ maxLength: 3 }),
        async (clips, state, seed) => {
          fc.pre(clips.some(clip => state(clip.clipId) !== 'gone')); // a copy with no video is an error
          const full = join(base, `full-${run}`);
          const partial = join(base, `partial-${run++}`);
          writeCopy(full, clips, () => 'file');
          writeCopy(partial, clips, clip => state(clip.clipId));
          const load = (dir: string): Promise<Source> =>
            loadSource(join(dir, 'tree'), { annotations: [join(dir, 'train.csv')], threads: 0 });
          const fromFull = await load(full);
          const fromPartial = await load(partial);
          const usable = new Set(fromPartial.clips.filter(c => c.sizeBytes !== 0).map(c => c.clipId));
          for (const size of sizes) {
            const whole = pick(fromFull, size, seed);
            const part = pick(fromPartial, size, seed);
            assert.equal(whole.short, 0);
            for (const id of whole.ids) assert.equal(part.ids.has(id), usable.has(id), `${size.strategy}: ${id}`);
            for (const id of part.ids) assert.ok(whole.ids.has(id) || usable.has(id));
            // A class gives fewer than its quota only when its usable files run out.
            if (part.ids.size < whole.ids.size) assert.ok(part.short > 0, size.strategy);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('names a class whose usable files cannot fill its quota in a warning and in --report', async () => {
    const dir = tempDir();
    const report = join(dir, 'report.json');
    const args = ['slice', fixture('cvdf-mini'), '--split', 'train', '--per-class', '5', '-o', join(dir, 'm.csv')];
    const result = await k400InProcess([...args, '--report', report]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /warning: 4 classes short of the quota .*train\/abseiling \(4 of 5\)/);
    const written = JSON.parse(readFileSync(report, 'utf8')) as { short_quota: unknown[] };
    assert.deepEqual(written.short_quota[0], { split: 'train', label: 'abseiling', quota: 5, usable: 4 });
    assert.equal(written.short_quota.length, 4);
  });
});
