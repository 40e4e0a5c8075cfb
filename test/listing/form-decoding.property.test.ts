import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formDecodedBytes, urlDecoded } from '../../src/listing/s3-inventory.js';

/** Pieces of a form-encoded key: plain text, `+`, escapes of UTF-8 and of bytes that are not, and stray `%`. */
const piece = fc
  .oneof(
    fc.constantFrom('k400/', 'a', 'Z', '_', '-', '.mp4', '(', "'", '~'),
    fc.constant('+'),
    fc.constantFrom('%20', '%2B', '%28', '%29', '%2F', '%C3%A9', '%c3%a9', '%E2%82%AC', '%F0%9F%8E%A5'),
    fc.constantFrom('%C3', '%A9', '%ED%A0%80', '%FF', '%C0%AF'),
    fc.constantFrom('%', '%G1', '%4', '%%'),
    fc.constantFrom('é', '€', '\u{1F3A5}'),
  )
  .map(text => Buffer.from(text, 'utf8'));

/** Raw bytes that are not UTF-8 by themselves: a lone lead byte, which an escape after it might seem to end. */
const rawBytes = fc.constantFrom([0xc3], [0xe2, 0x82], [0xff], [0x80]).map(bytes => Buffer.from(bytes));

describe('a form-encoded S3 Inventory key decoded as bytes', () => {
  it('is what urlDecoded makes of it, or left to urlDecoded, which then decides', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: piece }, rawBytes), { maxLength: 12 }), pieces => {
        const buf = Buffer.concat(pieces);
        const out = Buffer.alloc(buf.length + 1);
        const length = formDecodedBytes(buf, 0, buf.length, out);
        let expected: string | 'refused';
        try {
          expected = urlDecoded(buf.toString('utf8'), 'f.csv', 1);
        } catch {
          expected = 'refused';
        }
        if (length >= 0) assert.equal(out.toString('utf8', 0, length), expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes the keys of a Kinetics listing itself, spaces and brackets included', () => {
    const key = Buffer.from('k700/train/class+000+%28synthetic%29/abc_000001_000011.mp4');
    const out = Buffer.alloc(key.length);
    const length = formDecodedBytes(key, 0, key.length, out);
    assert.equal(out.toString('utf8', 0, length), 'k700/train/class 000 (synthetic)/abc_000001_000011.mp4');
  });
});
