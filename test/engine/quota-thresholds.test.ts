import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareCodePoints } from '../../src/clip.js';
import { type Duck, DuckOutOfMemory, openDuck } from '../../src/engine/duckdb.js';
import { heapBudget, isQuotaTie, thresholdRowsSql } from '../../src/engine/quota-thresholds.js';
import { clipKey } from '../../src/select/clip-key.js';
import type { SelectionSpec } from '../../src/sql/selection-sql.js';

/** A DuckDB on two threads whose queries all fail with `message`: as openDuck reports DuckDB's out of memory. */
function duckOutOfMemory(message: string): Duck {
  const error = message.startsWith('Out of Memory')
    ? new DuckOutOfMemory(message, 'as openDuck has it')
    : new Error(message);
  const fail = (): Promise<never> => Promise.reject(error);
  return { run: fail, rows: fail, chunks: fail, append: fail, folder: '', threads: 2, close: () => undefined };
}

const spec = {
  seed: 'k400',
  size: { strategy: 'percent', percent: 20 },
  include: [],
  exclude: [],
  classes: ['a', 'b'],
  probed: false,
} as unknown as SelectionSpec;
const strata = [
  { split: 'train', label: 'a', n: 100 },
  { split: 'train', label: 'b', n: 50 },
];

describe('the class heaps of a DuckDB slice', () => {
  // At 10^7 clips and --percent 20 the heaps overran the default 512 MB limit: exit 70 and DuckDB's message.
  it('leave the slice to the ranking plan when they do not fit in memory', async () => {
    const oom = duckOutOfMemory('Out of Memory Error: failed to allocate data of size 32.0 MiB (469.0 MiB used)');
    assert.equal(await thresholdRowsSql(oom, spec, 'clips', strata, [20, 10]), undefined);
  });

  // Measured on the bench's 10^7-clip index under the 512 MB limit: 4.9 million keys fitted one thread's heaps
  // and not two's, 3 million (its --percent 10) fitted two, four and eight threads'.
  it('hold fewer keys the more threads DuckDB runs, within what was measured to fit', () => {
    assert.ok(heapBudget(1) >= 4_900_000);
    assert.ok(heapBudget(2) < 4_900_000);
    for (const threads of [2, 4, 8]) assert.ok(heapBudget(threads) >= 3_000_000, `${threads} threads`);
    for (const threads of [1, 2, 4, 8]) assert.ok(heapBudget(2 * threads) < heapBudget(threads));
  });

  it('still fail on any other error of DuckDB', async () => {
    const broken = duckOutOfMemory('IO Error: Could not read file');
    await assert.rejects(thresholdRowsSql(broken, spec, 'clips', strata, [20, 10]), /IO Error/);
  });
});

describe('the one-query plan of a Parquet index', () => {
  // Ten ids, one of them twice: with k just before the second copy, the k-th and (k+1)-th keys are equal.
  const ids = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'dup', 'dup'];
  const plainSpec = { ...spec, seed: '0', size: { strategy: 'per-class', perClass: 1 } } as unknown as SelectionSpec;

  async function withClips<T>(run: (duck: Duck, numbered: string) => Promise<T>): Promise<T> {
    const duck = await openDuck();
    try {
      await duck.run(
        'CREATE TEMP TABLE clips AS SELECT * FROM (VALUES ' +
          ids.map((id, i) => `('train/a/${i}.mp4', 'a', '${id}', NULL, NULL, NULL, 'train', 1)`).join(', ') +
          ') AS t(path, label, clip_id, youtube_id, time_start, time_end, split, size_bytes)',
      );
      return await run(duck, '(SELECT *, rowid AS file_row_number FROM clips)');
    } finally {
      duck.close();
    }
  }

  it('takes the k rows of smallest key, and fails with a tie where the quota falls between equal keys', async () => {
    const order = [...ids].sort((a, b) => clipKey('0', a) - clipKey('0', b) || compareCodePoints(a, b));
    const k = order.indexOf('dup') + 1;
    const strata1 = [{ split: 'train', label: 'a', n: ids.length }];
    await withClips(async (duck, numbered) => {
      const clean = k === 1 ? 2 : k - 1;
      const sql = await thresholdRowsSql(duck, plainSpec, 'clips', strata1, [clean], { numbered });
      assert.ok(sql?.includes('min_by(file_row_number'), 'the one-query plan');
      const rows = await duck.rows(sql as string);
      assert.deepEqual(rows.map(r => r.clip_id).sort(), order.slice(0, clean).sort());
      const tied = await thresholdRowsSql(duck, plainSpec, 'clips', strata1, [k], { numbered });
      await assert.rejects(duck.rows(tied as string), (error: unknown) => isQuotaTie(error));
    });
  });

  it('orders by the digits it is given, failing with a tie where a quota falls between equal ones', async () => {
    const order = [...ids].sort((a, b) => clipKey('0', a) - clipKey('0', b) || compareCodePoints(a, b));
    const strata1 = [{ split: 'train', label: 'a', n: ids.length }];
    let ties = 0;
    await withClips(async (duck, numbered) => {
      for (const digits of [1, 2, 12])
        for (let k = 1; k < ids.length; k++) {
          const sql = await thresholdRowsSql(duck, plainSpec, 'clips', strata1, [k], { numbered, digits });
          assert.ok(sql?.includes(`, 1, ${digits})`), sql);
          const rows = await duck.rows(sql as string).catch((error: unknown) => {
            assert.ok(isQuotaTie(error), String(error));
            ties += 1;
            return undefined;
          });
          if (rows !== undefined) assert.deepEqual(rows.map(r => r.clip_id).sort(), order.slice(0, k).sort());
        }
    });
    // One hex digit for eleven clips: some quota falls between clips that share it.
    assert.ok(ties > 0);
  });

  it('is left to the two passes when its heaps would not fit three times over', async () => {
    const strata1 = [{ split: 'train', label: 'a', n: ids.length }];
    await withClips(async (duck, numbered) => {
      const sql = await thresholdRowsSql(duck, plainSpec, 'clips', strata1, [2], { numbered, budget: 5 });
      assert.ok(sql !== undefined && !sql.includes('min_by('), 'the two-pass plan');
    });
  });
});
