import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/errors.js';
import { contentText, holdsExactly } from '../../src/write/atomic.js';
import { releaseSpools, SpooledContent } from '../../src/write/spool.js';
import { tempDir, writeTree } from '../helpers/temp.js';

describe('a spooled manifest', () => {
  it('holds rows in memory up to its limit, and goes to its file only past it, whole and in order', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 5 }, (_, i) => `row ${i}\n`);
    const text = `head\n${rows.join('')}end\n`;
    for (const [limit, inFile] of [
      [1024, false],
      [12, true],
      [0, true],
    ] as const) {
      const spool = new SpooledContent(dir, limit);
      await spool.fill(async write => {
        for (const row of rows) write(row);
        return { head: 'head\n', end: 'end\n' };
      });
      assert.equal(readdirSync(dir).length, inFile ? 1 : 0, `limit ${limit}`);
      assert.equal(contentText(spool), text, `limit ${limit}`);
      releaseSpools();
      assert.deepEqual(readdirSync(dir), []);
    }
  });

  it('held in memory needs no temp folder', async () => {
    const dir = join(tempDir(), 'gone');
    const spool = new SpooledContent(dir);
    await spool.fill(async write => {
      write('row\n');
      return { head: '', end: '' };
    });
    assert.equal(contentText(spool), 'row\n');
    assert.ok(!existsSync(dir));
  });

  it('past its limit, a folder it cannot write in is one error naming the temp folder', async () => {
    const dir = join(tempDir(), 'gone');
    const spool = new SpooledContent(dir, 4);
    await assert.rejects(
      spool.fill(async write => {
        write('row 0\n');
        return { head: '', end: '' };
      }),
      /cannot write the manifest's rows to the temp folder: does not exist/,
    );
    assert.ok(!existsSync(dir));
  });

  it('reads back as its head, every row written, and its end, on each pass', async () => {
    const dir = tempDir();
    const spool = new SpooledContent(dir, 0);
    await spool.fill(async write => {
      for (let i = 0; i < 3; i++) write(`row ${i}\n`);
      return { head: 'head\n', end: 'end\n' };
    });
    const text = 'head\nrow 0\nrow 1\nrow 2\nend\n';
    assert.equal(contentText(spool), text);
    writeTree(dir, { 'same.txt': text, 'other.txt': `${text}more` });
    assert.ok(holdsExactly(join(dir, 'same.txt'), spool));
    assert.ok(!holdsExactly(join(dir, 'other.txt'), spool));
    releaseSpools();
    assert.deepEqual(readdirSync(dir).sort(), ['other.txt', 'same.txt']);
    assert.throws(() => contentText(spool), /read before it was filled/);
  });

  it('is removed when its rows fail, and the failure is the one reported', async () => {
    const dir = tempDir();
    const spool = new SpooledContent(dir, 0);
    await assert.rejects(
      spool.fill(async write => {
        write('row\n');
        throw new DatasetError('the format cannot hold row 1');
      }),
      /the format cannot hold row 1/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it('that cannot be written is one error naming the temp folder, and leaves nothing', async () => {
    const dir = join(tempDir(), 'gone');
    const spool = new SpooledContent(dir, 0);
    await assert.rejects(
      spool.fill(async () => ({ head: '', end: '' })),
      (error: unknown) =>
        error instanceof DatasetError &&
        /cannot write the manifest's rows to the temp folder: does not exist/.test(error.message),
    );
    assert.ok(!existsSync(dir));
  });
});
