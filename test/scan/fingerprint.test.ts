import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { md5Words } from '../../src/hash/md5.js';
import { ContentFingerprint } from '../../src/scan/fingerprint.js';

/** The definition, computed with BigInt: sum of MD5(`<id>\t<size>`) as 128-bit integers, mod 2^128. */
function reference(clips: readonly (readonly [string, number | null])[]): string {
  let sum = 0n;
  for (const [id, size] of clips) sum += BigInt(`0x${hash('md5', `${id}\t${size ?? ''}`, 'hex')}`);
  return `md5-sum:${(sum % 2n ** 128n).toString(16).padStart(32, '0')}`;
}

const clipArb = fc.tuple(fc.string({ maxLength: 60 }), fc.option(fc.nat(), { nil: null }));

describe('content fingerprint', () => {
  it('md5Words equals node:crypto for any string', () => {
    const out = new Uint32Array(4);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 30 })), text => {
        md5Words(text, out);
        assert.equal([...out].map(w => w.toString(16).padStart(8, '0')).join(''), hash('md5', text, 'hex'));
      }),
      { numRuns: 1000 },
    );
  });

  it("is the sum mod 2^128 of the clips' MD5 digests, whatever their order", () => {
    fc.assert(
      fc.property(fc.array(clipArb, { maxLength: 40 }), clips => {
        const forward = new ContentFingerprint();
        for (const [id, size] of clips) forward.add(id, size);
        const backward = new ContentFingerprint();
        for (const [id, size] of [...clips].reverse()) backward.add(id, size);
        assert.equal(forward.digest(), reference(clips));
        assert.equal(backward.digest(), forward.digest());
      }),
    );
  });

  it('merges per-thread sums and takes dropped clips back out', () => {
    fc.assert(
      fc.property(
        fc.array(clipArb, { maxLength: 30 }),
        fc.array(clipArb, { maxLength: 30 }),
        fc.array(clipArb, { maxLength: 10 }),
        (a, b, extra) => {
          const left = new ContentFingerprint();
          for (const [id, size] of [...a, ...extra]) left.add(id, size);
          const right = new ContentFingerprint();
          for (const [id, size] of b) right.add(id, size);
          const merged = new ContentFingerprint().merge(left.toLanes()).merge(right.toLanes());
          for (const [id, size] of extra) merged.remove(id, size);
          assert.equal(merged.digest(), reference([...a, ...b]));
        },
      ),
    );
  });

  it('stays exact past the carry interval (2^19 clips)', () => {
    const fingerprint = new ContentFingerprint();
    const clips: [string, number][] = [];
    for (let i = 0; i < (1 << 19) + 5; i++) clips.push([`c${i}`, i]);
    for (const [id, size] of clips) fingerprint.add(id, size);
    assert.equal(fingerprint.digest(), reference(clips));
  });

  it('changes when a size or an id changes', () => {
    assert.notEqual(new ContentFingerprint().add('a', 1).digest(), new ContentFingerprint().add('a', 2).digest());
    assert.notEqual(new ContentFingerprint().add('a', 1).digest(), new ContentFingerprint().add('b', 1).digest());
  });
});
