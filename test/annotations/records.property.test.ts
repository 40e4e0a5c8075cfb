import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { forEachRecord } from '../../src/annotations/read-annotations.js';
import { DatasetError } from '../../src/errors.js';

const OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true };

/** A field's text: commas, quotes, spaces, line ends and non-ASCII letters are the cases that matter. */
const field = fc.array(fc.constantFrom('a', 'B', ' ', ',', '"', '\n', 'é', '7', "'", '('), { maxLength: 6 });

/** One field as a writer might put it: bare where that reads back, quoted when it must be or by choice. */
const written = fc.tuple(field, fc.boolean()).map(([chars, quote]) => {
  const text = chars.join('');
  const needs = /[",\n]/.test(text);
  return quote || needs ? `"${text.replaceAll('"', '""')}"` : text;
});

/** A line: written records, empty lines, and now and then a line no writer would make (a stray quote). */
const line = fc.oneof(
  { weight: 8, arbitrary: fc.array(written, { minLength: 1, maxLength: 5 }).map(fields => fields.join(',')) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('a"b,c', '"open,x', ' "a",b', '"a"b,c', 'x,""""') },
);

const csv = fc
  .record({
    lines: fc.array(line, { maxLength: 12 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    last: fc.boolean(),
  })
  .map(({ lines, crlf, bom, last }) => {
    const end = crlf ? '\r\n' : '\n';
    // A quoted field's own line ends are the file's, as a writer on that system makes them.
    const body = lines.map(text => (crlf ? text.replaceAll('\n', '\r\n') : text)).join(end);
    return `${bom ? '\uFEFF' : ''}${body}${last ? end : ''}`;
  });

function records(text: string): string[][] | 'error' {
  const out: string[][] = [];
  try {
    forEachRecord(text, 'a.csv', '--annotations', record => out.push(record));
  } catch (error) {
    assert.ok(error instanceof DatasetError, String(error));
    return 'error';
  }
  return out;
}

function reference(text: string): string[][] | 'error' {
  try {
    return parse(text, OPTIONS) as string[][];
  } catch {
    return 'error';
  }
}

describe('annotation CSV records', () => {
  it('are what csv-parse reads, field for field, for any file with one kind of line end', () => {
    fc.assert(
      fc.property(csv, text => {
        assert.deepEqual(records(text), reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('are read line by line when a file mixes LF and CRLF, where csv-parse keeps to the first it met', () => {
    assert.deepEqual(records('a,b\nc,d\r\ne,f\n'), [
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    assert.deepEqual(records('a,b\r\nc,d\ne,f\r\n'), [
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('are what csv-parse reads in a file of megabytes, which csv-parse is given a megabyte at a time', () => {
    // Fields across lines, escaped quotes and plain lines, so that runs end at every kind of line.
    const kinds = ['"a\nb",x_1,0,10', '"say ""hi""",x_2,0,10', 'plain,x_3,0,10', '', '"q",x_4,"1\n\n2",10'];
    for (const end of ['\n', '\r\n']) {
      const lines = Array.from({ length: 200_000 }, (_, i) => kinds[((i * 7) % 11) % kinds.length] as string);
      const text = lines.map(line => line.replaceAll('\n', end)).join(end);
      assert.ok(text.length > 2_000_000);
      assert.deepEqual(records(text), reference(text));
    }
  });

  it('of runs csv-parse reads are read line by line when a file mixes LF and CRLF', () => {
    assert.deepEqual(records('a,"b""c"\r\n"d\ne",f\n"g""",h\r\n'), [
      ['a', 'b"c'],
      ['d\ne', 'f'],
      ['g"', 'h'],
    ]);
  });

  // Each line once looked on for a quote through the rest of the file: with a million lines, minutes (125 s
  // and more), where it now takes 0.1 s and 3 s. A test's timeout cannot stop a synchronous call, so the
  // time is asserted, with room for a slow machine.
  const PLAIN = 'x,y,0,1\n'.repeat(1_000_000);
  const within = (seconds: number, read: () => void): void => {
    const start = performance.now();
    read();
    const took = (performance.now() - start) / 1000;
    assert.ok(took < seconds, `took ${took.toFixed(1)} s`);
  };
  it('after a stray quote, in a file of a million lines without one, are read in proportion', () => {
    within(15, () => assert.equal(records(`a"b,c\n${PLAIN}`), 'error'));
  });

  // The time is held against that of a fifth of the lines, read the same way: in proportion, five times as long;
  // looked on through the rest of the file, twenty-five. (An absolute bound of 15 s failed once on a busy machine.)
  // Every record has four fields: csv-parse's relax_column_count makes and drops an error, stack and all, for each
  // record whose count differs from the first's, which made this test take 10 to 20 s.
  it('after an escaped quote, in a file of a million lines without one, are read in proportion', () => {
    const timed = (text: string): { read: ReturnType<typeof records>; seconds: number } => {
      const start = performance.now();
      const read = records(text);
      return { read, seconds: (performance.now() - start) / 1000 };
    };
    const fifth = timed(`"a""b",c,0,1\n${'x,y,0,1\n'.repeat(200_000)}`);
    const { read, seconds } = timed(`"a""b",c,0,1\n${PLAIN}`);
    assert.ok(read !== 'error');
    assert.equal(read.length, 1_000_001);
    assert.deepEqual(
      [read[0], read[1_000_000]],
      [
        ['a"b', 'c', '0', '1'],
        ['x', 'y', '0', '1'],
      ],
    );
    assert.ok(seconds < 12 * Math.max(fifth.seconds, 0.05), `took ${seconds.toFixed(1)} s, a fifth ${fifth.seconds} s`);
  });

  it("of a file whose lines end in a lone CR are csv-parse's", () => {
    const text = 'label,youtube_id\r"a b",x\r';
    assert.deepEqual(records(text), reference(text));
  });

  it('name the line of a record csv-parse cannot read', () => {
    assert.throws(
      () => forEachRecord('a,b\nc,d\n"x"y,z\n', 'a.csv', '--annotations', () => {}),
      (e: unknown) =>
        e instanceof DatasetError &&
        /a\.csv: not a readable CSV \(Invalid Closing Quote: got "y" at line 3 /.test(e.message),
    );
  });
});
