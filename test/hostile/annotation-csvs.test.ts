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
];

hostileSuite('hostile annotation CSVs', cases);
