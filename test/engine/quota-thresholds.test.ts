import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Duck, DuckOutOfMemory } from '../../src/engine/duckdb.js';
import { heapBudget, thresholdRowsSql } from '../../src/engine/quota-thresholds.js';
import type { SelectionSpec } from '../../src/sql/selection-sql.js';

/** A DuckDB on two threads whose queries all fail with `message`: as openDuck reports DuckDB's out of memory. */
function duckOutOfMemory(message: string): Duck {
  const error = message.startsWith('Out of Memory')
    ? new DuckOutOfMemory(message, 'as openDuck has it')
    : new Error(message);
  const fail = (): Promise<never> => Promise.reject(error);
  const rows = (sql: string) =>
    sql.includes("current_setting('threads')") ? Promise.resolve([{ threads: 2n }]) : fail();
  return { run: fail, rows, chunks: fail, append: fail, folder: '', close: () => undefined };
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
