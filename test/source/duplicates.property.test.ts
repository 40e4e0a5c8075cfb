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

  it('places a negative key inside the table, not a slot a step up to its start', () => {
    // A 32-bit hash read as signed made half a walk's keys negative: each then stepped from its negative
    // remainder to slot 0, which hung `scan` on 650,000 files. Counting reads of the keys shows the steps.
    const n = 3000;
    const keys = Float64Array.from({ length: n }, (_, i) => -(i * 7919 + 13) * 1024 - 1);
    keys[n - 1] = keys[0] as number;
    let reads = 0;
    const counted = new Proxy(keys, {
      get(target, property) {
        if (typeof property === 'string' && /^\d+$|^NaN$/.test(property)) reads += 1;
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    assert.deepEqual([...repeatedKeys(counted)], [keys[0]]);
    assert.ok(reads < 20 * n, `${reads} reads of ${n} keys`);
  });
});
