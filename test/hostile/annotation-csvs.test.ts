import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';
import { writeTree } from '../helpers/temp.js';

// Annotation CSVs that no writer would make, read by the hand-split reader and its clip table: each case is
// what the reader before them (csv-parse over the whole file, one object a row) did, or better.

const HEADER = 'label,youtube_id,time_start,time_end,split\n';
/** `dir/a.csv` holding `text`. */
const csv =
  (text: string) =>
  (dir: string): void =>
    writeFileSync(join(dir, 'a.csv'), text);
/** The annotations alone, every clip, as JSONL on stdout. */
const alone = (dir: string) => ['slice', '--annotations', join(dir, 'a.csv'), '--percent', '100', '-o', '-'];
const jsonl = (dir: string) => [...alone(dir), '--format', 'jsonl'];

const cases: HostileCase[] = [
  {
    // A time of 1e21 or more is written `01e+21` in the clip id: the table, which keeps the youtube id only
    // as part of the clip id, once cut it one character short of that.
    name: 'times of 1e21 seconds: the youtube id is the one given',
    setup: csv(`${HEADER}a,aaaaaaaaaaa,1e21,1e22,train\n`),
    args: jsonl,
    exit: 0,
    stdout: /"clip_id":"aaaaaaaaaaa_01e\+21_01e\+22","youtube_id":"aaaaaaaaaaa",/,
  },
  {
    name: 'times of 1e21 seconds: a file named by the youtube id alone joins its one row',
    setup: dir => {
      writeTree(dir, { 'r/a/aaaaaaaaaaa.mp4': 5 });
      csv('label,youtube_id,time_start,time_end\na,aaaaaaaaaaa,1e21,1e22\n')(dir);
    },
    args: dir => ['slice', join(dir, 'r'), '--annotations', join(dir, 'a.csv'), '--percent', '100', '-o', '-'],
    exit: 0,
    stdout: /^path,.*\na\/aaaaaaaaaaa\.mp4,a,0,aaaaaaaaaaa_01e\+21_01e\+22,aaaaaaaaaaa,/,
  },
  {
    // csv-parse, given a record alone, dropped a BOM at its start as at a file's, and read the line.
    name: 'a BOM before a quoted field on a later line is refused, as it was',
    setup: csv(`${HEADER}\uFEFF"a",aaaaaaaaaaa,0,10,train\nb,bbbbbbbbbbb,0,10,train\n`),
    args: alone,
    exit: 2,
    stderr: /a\.csv: not a readable CSV \(Invalid Opening Quote: a quote is found on field 0 at line 2, value is/,
  },
  {
    // JavaScript's trim takes a BOM for white space.
    name: 'a BOM at the start of a later unquoted line is trimmed off the label, as it was',
    setup: csv(`${HEADER}\uFEFFa,aaaaaaaaaaa,0,10,train\n`),
    args: jsonl,
    exit: 0,
    stdout: /"label":"a"/,
  },
  {
    // csv-parse counts lines from the start of what it is given: the line must be the file's.
    name: 'a stray closing quote is named by its line in the file',
    setup: csv(`${HEADER}a,aaaaaaaaaaa,0,10,train\n"b"x,bbbbbbbbbbb,0,10,train\n`),
    args: alone,
    exit: 2,
    stderr: /a\.csv: not a readable CSV \(Invalid Closing Quote: got "x" at line 3 instead of delimiter/,
  },
  {
    name: 'a field across lines that closes badly is named by the line it closes on',
    setup: csv(`${HEADER}a,aaaaaaaaaaa,0,10,train\n"b\nc" ,bbbbbbbbbbb,0,10,train\n`),
    args: alone,
    exit: 2,
    stderr: /a\.csv: not a readable CSV \(Invalid Closing Quote: got " " at line 4 instead of delimiter/,
  },
  {
    name: 'a quote never closed is named by the last line',
    setup: csv(`${HEADER}a,aaaaaaaaaaa,0,10,train\n"b,bbbbbbbbbbb,0,10,train\nc,ccccccccccc,0,10,train\n`),
    args: alone,
    exit: 2,
    stderr: /a\.csv: not a readable CSV \(Quote Not Closed: the parsing is finished with an opening quote at line 4\)/,
  },
];

hostileSuite('hostile annotation CSVs', cases);
