import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Duck } from '../../src/engine/duckdb.js';
import { thresholdRowsSql } from '../../src/engine/quota-thresholds.js';
import type { SelectionSpec } from '../../src/sql/selection-sql.js';

/** A DuckDB whose queries all fail as DuckDB does when an aggregate outgrows its memory limit. */
function duckOutOfMemory(message: string): Duck {
  const fail = (): Promise<never> => Promise.reject(new Error(message));
  return { run: fail, rows: fail, chunks: fail, append: fail, close: () => undefined };
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

  it('still fail on any other error of DuckDB', async () => {
    const broken = duckOutOfMemory('IO Error: Could not read file');
    await assert.rejects(thresholdRowsSql(broken, spec, 'clips', strata, [20, 10]), /IO Error/);
  });
});
