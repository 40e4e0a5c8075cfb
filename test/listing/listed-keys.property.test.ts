import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ListedKeys } from '../../src/listing/listed-keys.js';
import { RowRuns } from '../../src/listing/row-runs.js';

// Keys of any text; now and then one past the room made for the keys' bytes (1 MiB for a small listing).
const key = fc.oneof(
  { weight: 20, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map(n => 'k/'.repeat(n * 200_000)) },
);
const listed = fc.array(
  fc.record({ key, size: fc.integer({ min: 0, max: 2 ** 40 }), from: fc.integer({ min: -1, max: 50 }) }),
  { maxLength: 5000 },
);

describe('ListedKeys', () => {
  it('keeps each key from the byte asked for, its size, and nothing once released', () => {
    fc.assert(
      fc.property(listed, fc.boolean(), (rows, asBytes) => {
        const keys = new ListedKeys(0);
        for (const { key, size } of rows) {
          const bytes = Buffer.from(key, 'utf8');
          if (asBytes) keys.pushBytes(Buffer.concat([Buffer.from('x,'), bytes]), 2, bytes.length + 2, size);
          else keys.push(key, size);
        }
        assert.deepEqual(
          keys.objects(),
          rows.map(({ key, size }) => ({ key, size })),
        );
        const from = Int32Array.from(rows, ({ key, from }) => Math.min(from, Buffer.byteLength(key, 'utf8')));
        keys.keepFrom(from);
        rows.forEach(({ key, size }, i) => {
          const at = from[i] as number;
          assert.equal(keys.key(i), at < 0 ? '' : Buffer.from(key, 'utf8').subarray(at).toString('utf8'));
          assert.equal(keys.size(i), size);
        });
        keys.release();
        assert.equal(keys.count, rows.length);
        if (rows.length > 0) assert.throws(() => keys.key(0), /after release/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('ListedKeys past the room made for them', () => {
  it('grows its bytes and ends by copying, and keeps from the byte asked for', () => {
    // 10,000 keys of 150 bytes: past the 4,096 keys and the 1 MiB made for a listing of unknown size.
    const rows = Array.from({ length: 10_000 }, (_, i) => `${String(i).padStart(6, '0')}/${'v'.repeat(143)}`);
    const keys = new ListedKeys(0);
    rows.forEach((key, i) => {
      keys.push(key, i);
    });
    assert.deepEqual(
      keys.objects(),
      rows.map((key, i) => ({ key, size: i })),
    );
    keys.keepFrom(Int32Array.from(rows, (_, i) => (i % 3 === 0 ? -1 : 7)));
    rows.forEach((key, i) => {
      assert.equal(keys.key(i), i % 3 === 0 ? '' : key.slice(7));
      assert.equal(keys.size(i), i);
    });
  });
});

describe('RowRuns', () => {
  it('gives back the rows pushed, in order, however they run', () => {
    const rows = fc.array(fc.oneof(fc.nat(30), fc.nat(2 ** 31)), { maxLength: 300 });
    fc.assert(
      fc.property(rows, fc.array(fc.nat(300), { maxLength: 300 }), fc.nat(2 ** 31), (pushed, sorted, probe) => {
        const runs = new RowRuns();
        const ascending = [...sorted].sort((a, b) => a - b);
        for (const row of [...ascending, ...pushed]) runs.push(row);
        const all = [...ascending, ...pushed];
        assert.equal(runs.length, all.length);
        assert.deepEqual(runs.toArray(), all);
        assert.equal(
          runs.some(row => row === probe),
          all.includes(probe),
        );
        runs.replace(pushed);
        assert.deepEqual(runs.toArray(), pushed);
      }),
      { numRuns: 200 },
    );
  });
});
