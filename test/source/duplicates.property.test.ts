import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { repeatedKeys } from '../../src/source/duplicates.js';

function repeatedByCounting(keys: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n > 1)
    .map(([key]) => key)
    .sort((a, b) => a - b);
}

// 52-bit keys, as the selection rule makes them; multiples of 1024 all land on one slot of a small table.
const key = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 52 - 1 }),
  fc.integer({ min: 0, max: 40 }).map(n => n * 1024),
  fc.integer({ min: 0, max: 30 }),
);

describe('repeatedKeys', () => {
  it('finds exactly the keys that occur more than once, however they collide in the table', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 3000 }), keys => {
        assert.deepEqual(
          [...repeatedKeys(Float64Array.from(keys))].sort((a, b) => a - b),
          repeatedByCounting(keys),
        );
      }),
      { numRuns: 200 },
    );
  });
});
