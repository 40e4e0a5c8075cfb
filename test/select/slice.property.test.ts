import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Clip, compareCodePoints } from '../../src/clip.js';
import { parsePercent } from '../../src/select/percent.js';
import { type SliceRequest, sliceClips } from '../../src/select/slice.js';
import type { SizeSpec } from '../../src/select/strategies/index.js';
import { clipsArb, permutationArb, subsetArb } from '../helpers/datasets.js';

// The invariants of the selection rule, over many generated datasets (README, "The selection rule").

const ids = (clips: readonly Clip[]): string[] => clips.map(c => `${c.split}/${c.clipId}`);
const idSet = (clips: readonly Clip[]): Set<string> => new Set(ids(clips));

function run(clips: readonly Clip[], size: SizeSpec, seed = '0', shuffle = false): Clip[] {
  return sliceClips(clips, { seed, size, filters: [], shuffle } satisfies SliceRequest).rows;
}

function percent(text: string, minPerClass = 1): SizeSpec {
  return {
    strategy: 'percent',
    percent: parsePercent(text) as NonNullable<ReturnType<typeof parsePercent>>,
    minPerClass,
  };
}

const sizeArb: fc.Arbitrary<SizeSpec> = fc.oneof(
  fc.integer({ min: 1, max: 10000 }).map(h => percent((h / 100).toFixed(2))),
  fc.integer({ min: 1, max: 30 }).map((perClass): SizeSpec => ({ strategy: 'per-class', perClass })),
  fc.integer({ min: 1, max: 200 }).map((count): SizeSpec => ({ strategy: 'count', count, allowFewer: true })),
  fc
    .integer({ min: 1, max: 200 })
    .map((count): SizeSpec => ({ strategy: 'stratified-count', count, allowFewer: true })),
  fc.constant<SizeSpec>({ strategy: 'all' }),
);

const stratumOf = (c: Clip): string => `${c.split}\0${c.label}`;
function referenceKey(seed: string, clipId: string): number {
  return Number.parseInt(hash('md5', `${seed}:${clipId}`, 'hex').slice(0, 13), 16);
}

describe('selection invariants', () => {
  it('1. depends only on the set of clips and the options, not on their order', () => {
    fc.assert(
      fc.property(
        clipsArb().chain(clips => fc.tuple(fc.constant(clips), permutationArb(clips))),
        sizeArb,
        fc.string(),
        fc.boolean(),
        ([clips, shuffled], size, seed, shuffle) => {
          assert.deepEqual(run(shuffled, size, seed, shuffle), run(clips, size, seed, shuffle));
        },
      ),
    );
  });

  it('each class keeps exactly its quota of smallest keys (the rule, checked against md5 directly)', () => {
    fc.assert(
      fc.property(
        clipsArb(),
        fc.integer({ min: 1, max: 10000 }),
        fc.nat({ max: 3 }),
        fc.string(),
        (clips, hundredths, minPerClass, seed) => {
          const text = (hundredths / 100).toFixed(2);
          const chosen = idSet(run(clips, percent(text, minPerClass), seed));
          const groups = new Map<string, Clip[]>();
          for (const c of clips.filter(c => c.sizeBytes !== 0))
            groups.set(stratumOf(c), [...(groups.get(stratumOf(c)) ?? []), c]);
          for (const members of groups.values()) {
            const n = members.length;
            const k = Math.min(n, Math.max(minPerClass, Math.floor((2 * n * hundredths + 10000) / 20000)));
            const byKey = [...members].sort(
              (a, b) =>
                referenceKey(seed, a.clipId) - referenceKey(seed, b.clipId) || compareCodePoints(a.clipId, b.clipId),
            );
            byKey.forEach((c, rank) => assert.equal(chosen.has(`${c.split}/${c.clipId}`), rank < k));
          }
        },
      ),
    );
  });

  it('2. nested: a smaller size of the same strategy and seed is inside the larger', () => {
    const pairArb = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 1, max: 10000 }))
        .map(([a, b]) => [percent((Math.min(a, b) / 100).toFixed(2)), percent((Math.max(a, b) / 100).toFixed(2))]),
      fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 })).map(([a, b]): SizeSpec[] => [
        { strategy: 'per-class', perClass: Math.min(a, b) },
        { strategy: 'per-class', perClass: Math.max(a, b) },
      ]),
      fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 })).map(([a, b]): SizeSpec[] => [
        { strategy: 'count', count: Math.min(a, b), allowFewer: true },
        { strategy: 'count', count: Math.max(a, b), allowFewer: true },
      ]),
    );
    fc.assert(
      fc.property(clipsArb(), pairArb, fc.string(), (clips, [small, large], seed) => {
        const larger = idSet(run(clips, large as SizeSpec, seed));
        for (const id of ids(run(clips, small as SizeSpec, seed)))
          assert.ok(larger.has(id), `${id} is in the smaller slice but not the larger`);
      }),
    );
  });

  it('3. stable: when clips vanish, a chosen clip stays chosen unless its quota shrank past it', () => {
    fc.assert(
      fc.property(
        clipsArb().chain(clips => fc.tuple(fc.constant(clips), subsetArb(clips))),
        sizeArb,
        fc.string(),
        ([clips, remaining], size, seed) => {
          const before = idSet(run(clips, size, seed));
          const after = idSet(run(remaining, size, seed));
          const eligible = remaining.filter(c => c.sizeBytes !== 0);
          const global = size.strategy === 'count';
          // Quota of each stratum after the removal = how many of it are chosen now (a prefix in key order).
          const quota = new Map<string, number>();
          for (const c of eligible)
            if (after.has(`${c.split}/${c.clipId}`))
              quota.set(global ? '' : stratumOf(c), (quota.get(global ? '' : stratumOf(c)) ?? 0) + 1);
          const rank = (c: Clip): number =>
            eligible.filter(
              o =>
                (global || stratumOf(o) === stratumOf(c)) &&
                (referenceKey(seed, o.clipId) < referenceKey(seed, c.clipId) ||
                  (referenceKey(seed, o.clipId) === referenceKey(seed, c.clipId) &&
                    compareCodePoints(o.clipId, c.clipId) < 0)),
            ).length;
          for (const c of eligible) {
            const id = `${c.split}/${c.clipId}`;
            if (before.has(id) && !after.has(id))
              assert.ok(
                rank(c) >= (quota.get(global ? '' : stratumOf(c)) ?? 0),
                `${id} was dropped though its quota still reaches it`,
              );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('3b. with --per-class N, removing clips never drops a remaining chosen clip', () => {
    fc.assert(
      fc.property(
        clipsArb().chain(clips => fc.tuple(fc.constant(clips), subsetArb(clips))),
        fc.integer({ min: 1, max: 20 }),
        fc.string(),
        ([clips, remaining], perClass, seed) => {
          const after = idSet(run(remaining, { strategy: 'per-class', perClass }, seed));
          const kept = new Set(ids(remaining));
          for (const id of ids(run(clips, { strategy: 'per-class', perClass }, seed)))
            if (kept.has(id)) assert.ok(after.has(id), id);
        },
      ),
    );
  });

  it('4. different seeds give different slices', () => {
    fc.assert(
      fc.property(clipsArb({ minClips: 60, zeroBytes: false }), fc.string(), fc.string(), (clips, a, b) => {
        fc.pre(a !== b);
        assert.notDeepEqual(ids(run(clips, percent('50'), a)), ids(run(clips, percent('50'), b)));
      }),
      { numRuns: 50 },
    );
  });

  it(
    'exact sizes: --per-class keeps min(n, N), --count N keeps N, --stratified sums to N within one of each ' + 'share',
    () => {
      fc.assert(
        fc.property(clipsArb({ zeroBytes: false }), fc.integer({ min: 1, max: 40 }), (clips, n) => {
          const perClass = run(clips, { strategy: 'per-class', perClass: n });
          const counts = (rows: Clip[]): Map<string, number> =>
            rows.reduce((m, c) => m.set(stratumOf(c), (m.get(stratumOf(c)) ?? 0) + 1), new Map<string, number>());
          const sizes = counts(clips);
          const got = counts(perClass);
          for (const [stratum, size] of sizes) assert.equal(got.get(stratum) ?? 0, Math.min(size, n));
          const total = Math.min(n, clips.length);
          if (total === 0) return;
          assert.equal(run(clips, { strategy: 'count', count: total, allowFewer: false }).length, total);
          const stratified = counts(run(clips, { strategy: 'stratified-count', count: total, allowFewer: false }));
          assert.equal(
            [...stratified.values()].reduce((a, b) => a + b, 0),
            total,
          );
          for (const [stratum, size] of sizes) {
            const exact = (total * size) / clips.length;
            const share = stratified.get(stratum) ?? 0;
            assert.ok(share >= Math.floor(exact) && share <= Math.ceil(exact), `${stratum}: ${share} vs ${exact}`);
          }
        }),
      );
    },
  );

  it('never selects an empty file, and orders rows by split, label, clip id', () => {
    fc.assert(
      fc.property(clipsArb(), sizeArb, (clips, size) => {
        const rows = run(clips, size);
        assert.ok(rows.every(c => c.sizeBytes !== 0));
        const order = rows.map(c => [c.split ?? '', c.label ?? '', c.clipId] as const);
        for (let i = 1; i < order.length; i++) {
          const [a, b] = [order[i - 1], order[i]] as [readonly string[], readonly string[]];
          const cmp =
            compareCodePoints(a[0] as string, b[0] as string) ||
            compareCodePoints(a[1] as string, b[1] as string) ||
            compareCodePoints(a[2] as string, b[2] as string);
          assert.ok(cmp < 0, `row ${i} out of order`);
        }
      }),
    );
  });

  it('--shuffle permutes the same rows, reproducibly for a seed', () => {
    fc.assert(
      fc.property(clipsArb(), sizeArb, fc.string(), (clips, size, seed) => {
        const plain = run(clips, size, seed);
        const shuffled = run(clips, size, seed, true);
        assert.deepEqual([...ids(shuffled)].sort(), [...ids(plain)].sort());
        assert.deepEqual(run(clips, size, seed, true), shuffled);
      }),
    );
  });
});
