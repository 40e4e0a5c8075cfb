import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isValidPercent, parsePercent, percentOf, percentOfBig } from '../../src/select/percent.js';
import { percentQuota } from '../../src/select/strategies/percent-per-class.js';

function p(text: string) {
  const parsed = parsePercent(text);
  assert.ok(parsed, `parse ${text}`);
  return parsed;
}

describe('percent arithmetic', () => {
  it('rounds half up on exact decimals: 10% of 35 is 3.5 -> 4, 10% of 30 is 3', () => {
    assert.equal(percentOf(35, p('10')), 4);
    assert.equal(percentOf(30, p('10')), 3);
    assert.equal(percentOf(25, p('10')), 3); // 2.5 -> 3
    assert.equal(percentOf(24, p('10')), 2); // 2.4 -> 2
    assert.equal(percentOf(1, p('50')), 1); // 0.5 -> 1
    assert.equal(percentOf(3, p('16.5')), 0); // 0.495 -> 0
    assert.equal(percentOf(1000, p('0.05')), 1); // 0.5 -> 1
    assert.equal(percentOf(7, p('100')), 7);
  });

  it('agrees with rational arithmetic for any n and any percent with up to 4 decimals', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (n, tenThousandths) => {
        const text = `${Math.floor(tenThousandths / 10000)}.${String(tenThousandths % 10000).padStart(4, '0')}`;
        // n * (t / 10^4) / 100 = n * t / 10^6; half up: floor(x + 1/2) = floor((2 n t + 10^6) / (2 * 10^6))
        const expected = Math.floor((2 * n * tenThousandths + 1_000_000) / 2_000_000);
        assert.equal(percentOf(n, p(text)), expected);
      }),
    );
  });

  // Doubles while every value stays below 2^52, BigInt past it: both give the same quota for any count and percent.
  it('gives the same quota on doubles as on BigInt, up to counts of 2^53 and percents of 12 decimals', () => {
    const percents = fc
      .tuple(fc.integer({ min: 0, max: 12 }), fc.bigInt({ min: 1n, max: 10n ** 14n }))
      .map(([decimals, raw]) => {
        const limit = 100n * 10n ** BigInt(decimals);
        const digits = (raw % limit) + 1n;
        const text = digits.toString().padStart(decimals + 1, '0');
        return p(decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`);
      });
    const counts = fc.oneof(
      fc.nat({ max: 10_000_000 }),
      fc.integer({ min: 2 ** 40, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom(2 ** 52 - 1, 2 ** 52, 2 ** 53 - 1, 45_035_996_273_704, 4_503_599_627_370_495),
    );
    fc.assert(
      fc.property(counts, percents, (n, percent) => {
        assert.equal(percentOf(n, percent), percentOfBig(n, percent));
      }),
      { numRuns: 5000 },
    );
    // Counts near the boundary, with percents whose quotas fall just short of a whole number.
    for (const n of [2 ** 45 - 1, 2 ** 45, 3 * 2 ** 44 + 1, 2 ** 46 + 7])
      for (const text of ['33.3333', '66.6667', '12.5', '99.9999', '0.0001'])
        assert.equal(percentOf(n, p(text)), percentOfBig(n, p(text)), `${n} ${text}`);
  });

  it('normalizes text and rejects what is not a plain decimal in (0, 100]', () => {
    assert.equal(p('010.50').text, '10.5');
    assert.equal(p('100.000').text, '100');
    for (const bad of ['', 'x', '-5', '+5', '1e2', '5%', '.5', '5.', ' ', '1,5'])
      assert.equal(parsePercent(bad), undefined, bad);
    for (const outside of ['0', '0.000', '100.01', '250']) assert.equal(isValidPercent(p(outside)), false, outside);
    for (const inside of ['0.001', '100', '99.999']) assert.equal(isValidPercent(p(inside)), true, inside);
  });

  it('keeps k = min(n, max(m, round_half_up(n * P / 100)))', () => {
    assert.equal(percentQuota(35, p('10'), 1), 4);
    assert.equal(percentQuota(3, p('10'), 1), 1); // 0.3 -> 0, raised to m = 1
    assert.equal(percentQuota(3, p('10'), 5), 3); // m above n: the whole class
    assert.equal(percentQuota(3, p('10'), 0), 0);
    assert.equal(percentQuota(0, p('10'), 1), 0);
  });
});
