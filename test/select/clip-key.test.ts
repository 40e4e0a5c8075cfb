import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clipKey } from '../../src/select/clip-key.js';

/** The rule as README states it, computed the obvious way: the reference the fast path must equal. */
function referenceKey(seed: string, clipId: string): number {
  return Number.parseInt(hash('md5', `${seed}:${clipId}`, 'hex').slice(0, 13), 16);
}

describe('clipKey', () => {
  it('is the first 13 hex digits of md5("<seed>:<clip id>")', () => {
    // Known answers from coreutils: `printf '0:--nQbRBEz2s_000104_000114' | md5sum` = 134b99dd594ba..., and
    // `printf ':' | md5sum` = 853ae90f03513...; their first 13 hex digits read as integers:
    assert.equal(clipKey('0', '--nQbRBEz2s_000104_000114'), 0x134b99dd594ba);
    assert.equal(clipKey('0', '--nQbRBEz2s_000104_000114'), 339446798324922);
    assert.equal(clipKey('', ''), 0x853ae90f03513);
  });

  it('equals the reference for any seed and clip id: ASCII, non-ASCII, short and long', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 70 }),
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 20 })),
        (seed, clipId) => {
          assert.equal(clipKey(seed, clipId), referenceKey(seed, clipId));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps the exact 52-bit value at the one-block boundary (55 and 56 bytes)', () => {
    for (const length of [53, 54, 55, 56, 57, 64]) {
      const clipId = 'x'.repeat(length - 2);
      assert.equal(clipKey('7', clipId), referenceKey('7', clipId), `length ${length}`);
    }
  });
});
