import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { grouped } from '../../src/grouped.js';

describe('numbers in messages', () => {
  it('are written as toLocaleString writes them in English, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 10_000, 123_456, 1_000_000, -1234, Number.MAX_SAFE_INTEGER])
      assert.equal(grouped(n), n.toLocaleString('en-US'), String(n));
    fc.assert(
      fc.property(fc.maxSafeInteger(), n => grouped(n) === n.toLocaleString('en-US')),
      { numRuns: 2000 },
    );
  });

  // The page's cells and the progress line went through a grouping of their own, which also put commas in the
  // digits after the point.
  it('group only the whole part of a number with a fraction', () => {
    assert.equal(grouped(1234.5678), '1,234.5678');
    assert.equal(grouped(-98765.4321), '-98,765.4321');
    assert.equal(grouped(0.12345), '0.12345');
  });
});
