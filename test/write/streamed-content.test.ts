import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { holdsExactly, writeAllOrNothing } from '../../src/write/atomic.js';
import { tempDir } from '../helpers/temp.js';

/** Content made a piece at a time on each pass, counting the pieces it made. */
function streamed(pieces: readonly string[], made: { count: number }): Iterable<Buffer> {
  return {
    *[Symbol.iterator]() {
      for (const piece of pieces) {
        made.count += 1;
        yield Buffer.from(piece);
      }
    },
  };
}

describe('content made as it is written', () => {
  const dir = tempDir();

  it('is written whole, and found unchanged on the next run without a rewrite', async () => {
    const path = join(dir, 'index.jsonl');
    const made = { count: 0 };
    const first = await writeAllOrNothing([{ path, content: streamed(['{"a":1}\n', '{"b":2}\n'], made) }]);
    assert.deepEqual(first.written, [path]);
    assert.equal(readFileSync(path, 'utf8'), '{"a":1}\n{"b":2}\n');
    const again = await writeAllOrNothing([{ path, content: streamed(['{"a":1}\n', '{"b":2}\n'], made) }]);
    assert.deepEqual(again.unchanged, [path]);
  });

  it('differs from a file that is longer, shorter or other in one byte', () => {
    const path = join(dir, 'compare.txt');
    const made = { count: 0 };
    writeFileSync(path, 'abcdef');
    assert.equal(holdsExactly(path, streamed(['abc', 'def'], made)), true);
    assert.equal(holdsExactly(path, streamed(['abc', 'de'], made)), false);
    assert.equal(holdsExactly(path, streamed(['abc', 'defg'], made)), false);
    assert.equal(holdsExactly(path, streamed(['abc', 'dxf'], made)), false);
  });

  it('is not made at all when no file is there to compare', () => {
    const made = { count: 0 };
    assert.equal(holdsExactly(join(dir, 'absent.txt'), streamed(['abc'], made)), false);
    assert.equal(made.count, 0);
  });
});
