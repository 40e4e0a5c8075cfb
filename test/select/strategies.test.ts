import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { largestRemainder } from '../../src/select/strategies/count.js';
import { applyStrategy } from '../../src/select/strategies/index.js';
import { strata } from '../helpers/strata.js';

describe('largestRemainder', () => {
  it('shares exactly, each within one of the exact share, ties to the first', () => {
    assert.deepEqual(largestRemainder(10, [5, 5, 5]), [4, 3, 3]);
    assert.deepEqual(largestRemainder(2, [1, 1, 1]), [1, 1, 0]);
    assert.deepEqual(largestRemainder(7, [10, 20, 70]), [1, 1, 5]); // 0.7, 1.4, 4.9 -> remainders .7 .4 .9
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 50 }), fc.nat(), (sizes, seed) => {
        const sum = sizes.reduce((a, b) => a + b, 0);
        const total = sum === 0 ? 0 : seed % (sum + 1);
        const shares = largestRemainder(total, sizes);
        assert.equal(
          shares.reduce((a, b) => a + b, 0),
          total,
        );
        shares.forEach((share, i) => {
          const exact = sum === 0 ? 0 : (total * (sizes[i] as number)) / sum;
          assert.ok(share >= Math.floor(exact) && share <= Math.ceil(exact), `share ${share} of exact ${exact}`);
          assert.ok(share <= (sizes[i] as number));
        });
      }),
    );
  });
});

describe('size strategies', () => {
  it('--per-class keeps small classes whole and names them in a warning', () => {
    const result = applyStrategy(strata({ a: 5, b: 2, c: 1 }), { strategy: 'per-class', perClass: 3 });
    assert.deepEqual(result.quotas, [3, 2, 1]);
    assert.deepEqual(result.warnings, ['2 classes have fewer than 3 clips and are kept whole: b (2), c (1)']);
  });

  it('--count takes the N smallest keys overall and refuses N above what there is', () => {
    const result = applyStrategy(strata({ a: 3, b: 3 }), { strategy: 'count', count: 4, allowFewer: false });
    assert.deepEqual(result.quotas, [3, 1]);
    // Keys a: 0 2 4, b: 1 3 5 -> the 3 smallest are a0 b1 a2.
    assert.deepEqual(
      applyStrategy(
        strata({ a: 3, b: 3 }, (label, i) => 2 * i + (label === 'b' ? 1 : 0)),
        { strategy: 'count', count: 3, allowFewer: false },
      ).quotas,
      [2, 1],
    );
    // Equal keys: the tie goes by clip id ('a-1' < 'b-0'), and only as many as are needed.
    assert.deepEqual(
      applyStrategy(
        strata({ b: 2, a: 2 }, (_, i) => i),
        { strategy: 'count', count: 3, allowFewer: false },
      ).quotas,
      [1, 2],
    );
    assert.throws(
      () => applyStrategy(strata({ a: 3 }), { strategy: 'count', count: 4, allowFewer: false }),
      (e: unknown) => e instanceof UsageError && /only 3 eligible/.test(e.message),
    );
    const fewer = applyStrategy(strata({ a: 3 }), { strategy: 'count', count: 4, allowFewer: true });
    assert.deepEqual(fewer.quotas, [3]);
    assert.match(fewer.warnings[0] ?? '', /all taken/);
  });

  it('--count --stratified shares N by class size', () => {
    const result = applyStrategy(strata({ a: 10, b: 30 }), {
      strategy: 'stratified-count',
      count: 4,
      allowFewer: false,
    });
    assert.deepEqual(result.quotas, [1, 3]);
  });
});
