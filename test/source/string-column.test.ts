import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StringColumn } from '../../src/source/string-column.js';

/** 10,000 rows (three blocks of 4,096 and part of a fourth), of lengths 0 to 40, the long ones in block two. */
function rows(): string[] {
  return Array.from({ length: 10_000 }, (_, i) => {
    const n = i >= 4096 && i < 8192 ? 40 : i % 7;
    return `${i}`.padEnd(n, 'x').slice(0, Math.max(n, 1));
  });
}

describe('a string column', () => {
  it('gives back every row, joined a block at a time', () => {
    const column = new StringColumn();
    const given = rows();
    for (const text of given) column.push(text);
    column.seal();
    given.forEach((text, row) => assert.equal(column.get(row), text));
  });

  // 4,096 ids of 180 KB would join into a string longer than V8 makes: "Invalid string length", exit 70.
  it('keeps as they are the strings of a block that would join into too long a string', () => {
    const column = new StringColumn(100_000);
    const given = rows();
    for (const text of given) column.push(text);
    given.slice(0, 5000).forEach((text, row) => assert.equal(column.get(row), text));
    column.seal();
    given.forEach((text, row) => assert.equal(column.get(row), text));
  });
});
