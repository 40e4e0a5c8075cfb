import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/errors.js';
import { assertWritable, holdsExactly, writeAllOrNothing } from '../../src/write/atomic.js';
import { tempDir } from '../helpers/temp.js';

describe('atomic writes', () => {
  it('writes new files and leaves no temporary file behind', async () => {
    const dir = tempDir();
    const outcome = await writeAllOrNothing([
      { path: join(dir, 'a.csv'), content: 'x\n' },
      { path: join(dir, 'a.csv.meta.json'), content: '{}\n' },
    ]);
    assert.equal(outcome.written.length, 2);
    assert.deepEqual(readdirSync(dir).sort(), ['a.csv', 'a.csv.meta.json']);
  });

  it('does not rewrite a file whose bytes would not change: its modification time stays', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'same\n');
    utimesSync(path, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const before = statSync(path).mtimeMs;
    const outcome = await writeAllOrNothing([{ path, content: 'same\n' }]);
    assert.deepEqual(outcome, { written: [], unchanged: [path] });
    assert.equal(statSync(path).mtimeMs, before);
    await writeAllOrNothing([{ path, content: 'different\n' }]);
    assert.notEqual(statSync(path).mtimeMs, before);
  });

  it('compares large outputs piece by piece: a change in the last byte of 9 MB is seen', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.jsonl');
    const bytes = Buffer.alloc(9 * 1024 * 1024 + 3, 'a');
    writeFileSync(path, bytes);
    assert.equal(holdsExactly(path, bytes), true);
    const changed = Buffer.from(bytes);
    changed[changed.length - 1] = 98;
    assert.equal(holdsExactly(path, changed), false);
    assert.equal(holdsExactly(path, bytes.subarray(1)), false);
    assert.deepEqual(await writeAllOrNothing([{ path, content: changed }]), { written: [path], unchanged: [] });
    assert.ok(readFileSync(path).equals(changed));
    assert.equal(holdsExactly(join(dir, 'absent'), ''), false);
    // The same bytes in pieces of any size, as manifests and indexes are made, compare equal too.
    const pieces = [
      changed.subarray(0, 5),
      changed.subarray(5, 5 * 1024 * 1024 + 1),
      changed.subarray(5 * 1024 * 1024 + 1),
    ];
    assert.equal(holdsExactly(path, pieces), true);
    assert.equal(holdsExactly(path, [changed.subarray(0, 5), bytes.subarray(5)]), false);
    assert.deepEqual(await writeAllOrNothing([{ path, content: pieces }]), { written: [], unchanged: [path] });
  });

  it('changes nothing when one of the files cannot be written', async () => {
    const dir = tempDir();
    const kept = join(dir, 'a.csv');
    writeFileSync(kept, 'old\n');
    mkdirSync(join(dir, 'b.csv')); // a folder where a file should go: the rename fails
    await assert.rejects(
      writeAllOrNothing([
        { path: kept, content: 'new\n' },
        { path: join(dir, 'b.csv'), content: 'x' },
      ]),
      DatasetError,
    );
    assert.equal(readFileSync(kept, 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir).sort(), ['a.csv', 'b.csv']);
  });

  it(
    'accepts a missing folder (made at commit), refuses a folder as output and (when not root) a read-only ' + 'one',
    () => {
      const dir = tempDir();
      assertWritable(join(dir, 'nope', 'deeper', 'a.csv'));
      assert.throws(
        () => assertWritable(dir),
        (e: unknown) => e instanceof DatasetError && /is a folder/.test(e.message),
      );
      if (process.getuid?.() !== 0) {
        const locked = join(dir, 'locked');
        mkdirSync(locked);
        chmodSync(locked, 0o500);
        assert.throws(
          () => assertWritable(join(locked, 'a.csv')),
          (e: unknown) => e instanceof DatasetError && /not writable/.test(e.message),
        );
      }
    },
  );
});
