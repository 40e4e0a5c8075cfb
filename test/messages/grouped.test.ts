import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { grouped } from '../../src/grouped.js';

describe('numbers in messages', () => {
  it('are written as toLocaleString writes them in English, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 10_000, 123_456, 1_000_000, -1234, Number.MAX_SAFE_INTEGER, 2.5, 1e21])
      assert.equal(grouped(n), n.toLocaleString('en-US'), String(n));
    fc.assert(
      fc.property(fc.maxSafeInteger(), n => grouped(n) === n.toLocaleString('en-US')),
      { numRuns: 2000 },
    );
  });
});
