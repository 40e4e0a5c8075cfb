import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matchIdLists, planSlice, prepareSlice, type SlicePlan } from '../../src/api/slice.js';
import { type Clip, sortClips } from '../../src/clip.js';
import { sliceWithDuckDb } from '../../src/engine/duckdb-slice.js';
import { sliceOptionsSchema } from '../../src/options/slice-options.js';
import { renderIndex } from '../../src/source/index-file.js';
import { loadSource } from '../../src/source/load.js';
import { renderParquetIndex } from '../../src/source/parquet-index.js';
import { Parts } from '../../src/source/part.js';
import { assembleSource } from '../../src/source/source.js';
import { contentText } from '../../src/write/atomic.js';
import { releaseSpools } from '../../src/write/spool.js';
import { clipsArb } from '../helpers/datasets.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** A class with no clips: it still has a label_index, which only the index header can give. */
const EMPTY_CLASS = 'zz, "empty" class';

const optionsArb = fc.record({
  size: fc.oneof(
    fc.constant({}),
    fc.record({
      percent: fc.oneof(fc.integer({ min: 1, max: 100 }).map(String), fc.constantFrom('12.5', '0.5', '33.3', '14.3')),
      minPerClass: fc.option(fc.integer({ min: 0, max: 3 }).map(String), { nil: undefined }),
    }),
    fc.record({ perClass: fc.integer({ min: 1, max: 20 }).map(String) }),
    fc.record({
      count: fc.integer({ min: 1, max: 160 }).map(String),
      stratified: fc.boolean(),
      allowFewer: fc.boolean(),
    }),
  ),
  seed: fc.string({ maxLength: 5 }),
  split: fc.option(fc.constantFrom('train', 'val', 'train,val', 'validate'), { nil: undefined }),
  shuffle: fc.boolean(),
  labels: fc.constantFrom('source', 'relabel', 'underscore', 'exclude-first'),
  splits: fc.option(fc.constantFrom('a=1,b=1', 'train=80,val=10,test=10'), { nil: undefined }),
  shards: fc.option(fc.integer({ min: 2, max: 3 }).map(String), { nil: undefined }),
  // One manifest to a file rather than stdout: DuckDB then writes it as its rows come (streamed).
  toFile: fc.option(fc.constantFrom('json', 'csv', 'jsonl', 'mmaction'), { nil: undefined }),
  // The DuckDB engine's two plans for known quotas: the class heaps (the default), or ranking (budget 0).
  heapBudget: fc.constantFrom(undefined, 0),
  // The digits the one-query plan's heaps order clips by: with one or two, clips share them often, at a quota
  // (a tie, which the ranking plan then takes) and within one (where their order must not matter).
  heapDigits: fc.constantFrom(undefined, 1, 2),
  // Results made whole in DuckDB (small ones, by default), or every one streamed, as above 250,000 rows.
  wholeRows: fc.constantFrom(undefined, 0),
});

/** Slices in which the DuckDB engine left its rows pending and wrote them as they came: must not be none. */
let streamed = 0;

/** What a plan would write and print, or the error it stopped with. */
function outcome(plan: () => Promise<SlicePlan>): Promise<unknown> {
  return plan().then(
    p => ({
      files: p.files.map(f => [f.path, contentText(f.content)]),
      stdout: p.stdout,
      warnings: p.warnings,
    }),
    (e: unknown) => ({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  );
}

type EngineOptions = typeof optionsArb extends fc.Arbitrary<infer T> ? T : never;

/** Slices `index` with both engines and the same options; both must write and print the same, or fail alike. */
async function assertSameOutcome(index: string, o: EngineOptions, dir: string, firstClass: string): Promise<void> {
  const several = o.splits !== undefined || o.shards !== undefined;
  const parts = `${o.splits === undefined ? '' : '-{split}'}${o.shards === undefined ? '' : '-{shard}'}`;
  const template = `${dir}/m${parts}.csv`;
  const single = o.toFile === undefined ? '-' : `${dir}/m.${o.toFile}`;
  const options = sliceOptionsSchema.parse({
    source: index,
    ...o.size,
    seed: o.seed,
    split: o.split,
    shuffle: o.shuffle,
    relabel: o.labels === 'relabel',
    labelStyle: o.labels === 'underscore' ? 'underscore' : undefined,
    excludeClasses: o.labels === 'exclude-first' ? [firstClass] : undefined,
    splits: o.splits,
    shards: o.shards,
    format: several ? 'csv' : (o.toFile ?? 'json'),
    output: several ? template : single,
  });
  const prepared = prepareSlice(options);
  const js = await outcome(async () => {
    const loaded = await loadSource(index, { split: options.split });
    return planSlice(prepared, loaded, matchIdLists(prepared, loaded));
  });
  const stream = !several && !o.shuffle && o.toFile !== undefined;
  const duck = await outcome(async () => {
    const { source: described, preselected } = await sliceWithDuckDb(
      prepared,
      index,
      {},
      {
        stream,
        heapBudget: o.heapBudget,
        heapDigits: o.heapDigits,
        ...(o.wholeRows === undefined ? {} : { wholeRows: o.wholeRows }),
      },
    );
    try {
      const plan = planSlice(prepared, described, { keep: null, drop: null }, { preselected });
      if (plan.fill !== undefined) streamed += 1;
      await plan.fill?.();
      return plan;
    } finally {
      preselected.rows?.close();
    }
  });
  releaseSpools();
  assert.deepEqual(duck, js);
}

type FileState = 'file' | 'gone' | 'empty';

/** A split-class tree of `clips` (a file each, none, or an empty one) and one CSV that annotates them all. */
function writeAnnotatedCopy(dir: string, clips: readonly Clip[], state: (clip: Clip) => FileState): void {
  for (const clip of clips) {
    const what = state(clip);
    if (what === 'gone') continue;
    const file = join(dir, 'tree', clip.split as string, clip.label as string, `${clip.clipId}.mp4`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(what === 'empty' ? 0 : 3));
  }
  const quote = (label: string): string => (/[ ,"]/.test(label) ? `"${label.replaceAll('"', '""')}"` : label);
  const rows = clips.map(c => `${quote(c.label as string)},${c.youtubeId},${c.timeStart},${c.timeEnd},${c.split}`);
  writeFileSync(join(dir, 'a.csv'), `label,youtube_id,time_start,time_end,split\n${rows.join('\n')}\n`);
}

/**
 * An index of generated clips in `dir`, with `extraClass` (one no clip has) in its label space: JSON lines, or
 * Parquet when `name` ends in .parquet (DuckDB then reads each row's number, and picks the rows by it).
 */
async function writeIndex(
  dir: string,
  name: string,
  clips: Clip[],
  extraClass?: string,
): Promise<{ index: string; firstClass: string }> {
  const found = new Parts();
  for (const clip of clips) found.of(clip.split).classes.add(clip.label as string);
  if (extraClass !== undefined) found.of(clips[0]?.split ?? null).classes.add(extraClass);
  const layout = clips[0]?.split === null ? 'class-tree' : 'split-class-tree';
  const source = assembleSource({ given: 'generated', root: dir, layout, clips, parts: found });
  const index = join(dir, name);
  const sorted = sortClips(source.clips);
  const bytes = name.endsWith('.parquet')
    ? await renderParquetIndex(source, sorted, index)
    : Buffer.concat(renderIndex(source, sorted));
  writeFileSync(index, bytes);
  return { index, firstClass: source.classes[0] as string };
}

describe('the DuckDB and JavaScript engines', () => {
  it('give byte-identical manifests for every strategy, split, part, shard, order and label option', async () => {
    const dir = tempDir();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        clipsArb({ minClips: 1, maxClips: 120 }),
        optionsArb,
        fc.boolean(),
        async (clips, o, parquet) => {
          const name = `index-${runs++}.${parquet ? 'parquet' : 'jsonl'}`;
          const { index, firstClass } = await writeIndex(dir, name, clips, EMPTY_CLASS);
          await assertSameOutcome(index, o, dir, firstClass);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('give byte-identical manifests when DuckDB writes the rows as they come, in every format', async () => {
    const dir = tempDir();
    let runs = 0;
    streamed = 0;
    const streamable = optionsArb.map(
      (o): EngineOptions => ({
        ...o,
        splits: undefined,
        shards: undefined,
        shuffle: false,
        toFile: o.toFile ?? 'csv',
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        clipsArb({ minClips: 1, maxClips: 120 }),
        streamable,
        fc.boolean(),
        async (clips, o, parquet) => {
          const name = `index-${runs++}.${parquet ? 'parquet' : 'jsonl'}`;
          const { index, firstClass } = await writeIndex(dir, name, clips);
          await assertSameOutcome(index, o, dir, firstClass);
        },
      ),
      { numRuns: 25 },
    );
    // Count strategies keep their rows in memory (no quota a class is known before the query): the others stream.
    assert.ok(streamed > 0, 'no slice was written as its rows came');
  });

  it('give byte-identical manifests for annotated indexes, whose classes their annotated rows size', async () => {
    const dir = tempDir();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        clipsArb({ minClips: 1, maxClips: 80, zeroBytes: false }).map(clips => [
          ...new Map(clips.map(c => [c.clipId, { ...c, split: c.split ?? 'train' }])).values(),
        ]),
        fc.func(fc.constantFrom<FileState>('file', 'file', 'file', 'gone', 'empty')),
        // Options that mostly select something here: every generated copy has a train split, and few clips.
        optionsArb.map(
          (o): EngineOptions => ({
            ...o,
            split: o.split === 'train' ? 'train' : undefined,
            size:
              'count' in o.size
                ? { ...o.size, count: String((Number(o.size.count) % 40) + 1), allowFewer: true }
                : o.size,
          }),
        ),
        async (clips, state, o) => {
          // A copy with no video at all is an error for both engines: nothing to compare.
          fc.pre(clips.some(clip => state(clip.clipId) === 'file'));
          const run = join(dir, `annotated-${runs++}`);
          writeAnnotatedCopy(run, clips, clip => state(clip.clipId));
          const index = join(run, 'index.jsonl');
          const scan = await runMain([
            'scan',
            join(run, 'tree'),
            '--annotations',
            join(run, 'a.csv'),
            '-o',
            index,
            '-q',
          ]);
          assert.equal(scan.status, 0, scan.stderr);
          await assertSameOutcome(index, o, run, clips[0]?.label as string);
        },
      ),
      { numRuns: 25 },
    );
  });

  // DuckDB makes a CSV manifest's lines itself: those it cannot make exactly (quotes, commas, line breaks, times
  // that are not small integers, a missing clip id's youtube fields) the writer must render, in their place.
  it('give byte-identical CSV manifests when rows need quoting or times are not small integers', async () => {
    const dir = tempDir();
    const clip = (label: string, name: string, extra: Partial<Clip> = {}): Clip => ({
      path: `train/${label}/${name}.mp4`,
      label,
      clipId: name,
      youtubeId: null,
      timeStart: null,
      timeEnd: null,
      split: 'train',
      sizeBytes: 10,
      ...extra,
    });
    const clips = [
      ...Array.from({ length: 30 }, (_, i) =>
        clip('plain', `abcdefghij${String(i % 10)}_0000${String(10 + i)}_0000${String(20 + i)}`),
      ),
      clip('plain', 'with, comma'),
      clip('plain', 'with "quote"'),
      clip('plain', 'line\nbreak'),
      clip('plain', 'cr\rhere'),
      clip('plain', 'half', { youtubeId: 'half', timeStart: 1.5, timeEnd: 2 }),
      clip('plain', 'huge', { youtubeId: 'huge', timeStart: 1e20, timeEnd: -0 }),
      clip('plain', 'minus', { youtubeId: 'minus', timeStart: -3, timeEnd: 2 ** 60 }),
      clip('plain', 'edge', { youtubeId: 'edge', timeStart: 2 ** 53, timeEnd: 2 ** 53 + 2 }),
      clip('plain', 'big', { youtubeId: 'big', timeStart: 2 ** 59, timeEnd: 9e15 }),
      clip('a, "b"', 'x1'),
      clip('a, "b"', 'x2'),
      clip('Caf\u00e9', 'y1'),
      clip('Cafe\u0301', 'y2'),
    ];
    const sizes = [{}, { percent: '100' }, { perClass: '3' }];
    const labels = ['source', 'underscore', 'relabel'] as const;
    const { index, firstClass } = await writeIndex(dir, 'hostile.parquet', clips);
    for (const size of sizes)
      for (const label of labels)
        for (const wholeRows of [undefined, 0] as const) {
          const o: EngineOptions = {
            size,
            seed: 'k',
            split: undefined,
            shuffle: false,
            labels: label,
            splits: undefined,
            shards: undefined,
            toFile: 'csv',
            heapBudget: undefined,
            heapDigits: undefined,
            wholeRows,
          };
          await assertSameOutcome(index, o, dir, firstClass);
        }
  });

  it('give the same manifest when the heaps meet equal keys across a quota as when ranking', async () => {
    const dir = tempDir();
    // One clip id twice in a class, at every position: some quota falls between its two copies.
    const base = Array.from({ length: 12 }, (_, i) => `id${i}`);
    const clips = [...base, 'id3'].map((id, i) => ({
      path: `train/a/${i}.mp4`,
      label: 'a',
      clipId: id,
      youtubeId: null,
      timeStart: null,
      timeEnd: null,
      split: 'train',
      sizeBytes: 10,
    }));
    const { index } = await writeIndex(dir, 'tied.parquet', clips);
    for (let perClass = 1; perClass <= clips.length; perClass++) {
      const manifests = [];
      for (const heapBudget of [undefined, 0]) {
        const prepared = prepareSlice(
          sliceOptionsSchema.parse({
            source: index,
            perClass: String(perClass),
            format: 'csv',
            output: `${dir}/m.csv`,
          }),
        );
        const { source, preselected } = await sliceWithDuckDb(prepared, index, {}, { stream: true, heapBudget });
        try {
          const plan = planSlice(prepared, source, { keep: null, drop: null }, { preselected });
          await plan.fill?.();
          manifests.push(plan.files.map(f => contentText(f.content)));
        } finally {
          preselected.rows?.close();
        }
      }
      releaseSpools();
      assert.deepEqual(manifests[0], manifests[1], `--per-class ${perClass}`);
    }
  });

  it('give the same manifest when the heaps order by few digits, shared at a quota and within one', async () => {
    // 16 clips in a class: by one hex digit of their digests most quotas fall between clips that share it (the
    // ranking plan takes over), by two some clips within a quota share them (their order must not matter).
    // Parquet: one query, picking rows by number; JSONL: two passes, the second keeping rows up to a threshold.
    for (const name of ['digits.parquet', 'digits.jsonl']) await sameByDigits(name);
  });

  async function sameByDigits(name: string): Promise<void> {
    const dir = tempDir();
    const clips = Array.from({ length: 16 }, (_, i) => ({
      path: `train/a/${i}.mp4`,
      label: 'a',
      clipId: `clip${i}`,
      youtubeId: null,
      timeStart: null,
      timeEnd: null,
      split: 'train',
      sizeBytes: 10,
    }));
    const { index } = await writeIndex(dir, name, clips);
    const sliced = async (perClass: number, options: { heapBudget?: number; heapDigits?: number }) => {
      const prepared = prepareSlice(
        sliceOptionsSchema.parse({ source: index, perClass: String(perClass), format: 'csv', output: `${dir}/m.csv` }),
      );
      const { source, preselected } = await sliceWithDuckDb(prepared, index, {}, { stream: true, ...options });
      try {
        const plan = planSlice(prepared, source, { keep: null, drop: null }, { preselected });
        await plan.fill?.();
        return plan.files.map(f => contentText(f.content));
      } finally {
        preselected.rows?.close();
        releaseSpools();
      }
    };
    for (let perClass = 1; perClass < clips.length; perClass += 2) {
      const ranked = await sliced(perClass, { heapBudget: 0 });
      for (const heapDigits of [1, 2])
        assert.deepEqual(await sliced(perClass, { heapDigits }), ranked, `${name}: ${perClass}, ${heapDigits} digits`);
    }
  }

  it('give byte-identical CSV manifests of a probed index, whose rows carry probe columns', async () => {
    const dir = tempDir();
    for (const name of ['probed.parquet', 'probed.jsonl']) {
      const index = join(dir, name);
      const scan = await runMain(['scan', fixture('kinetics-mini'), '--probe', '-o', index, '-q']);
      assert.equal(scan.status, 0, scan.stderr);
      for (const size of [{ percent: '50' }, { perClass: '2' }]) {
        const o: EngineOptions = {
          size,
          seed: 'k',
          split: undefined,
          shuffle: false,
          labels: 'source',
          splits: undefined,
          shards: undefined,
          toFile: 'csv',
          heapBudget: undefined,
          heapDigits: undefined,
          wholeRows: undefined,
        };
        await assertSameOutcome(index, o, dir, '');
      }
    }
  });
});
