import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';

// A second QA pass over listings: each row failed before its fix (an internal error, or a message that
// named the wrong fault).

/** An `aws s3 ls` listing of `n` distinct clips under k400/, in five classes. */
const awsListing = (n: number): string => {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = i.toString(36).padStart(11, '-');
    lines.push(`2024-01-02 03:04:05 ${String(1000 + i).padStart(10)} k400/c${i % 5}/${id}_000001_000011.mp4`);
  }
  return `${lines.join('\n')}\n`;
};
const slice = (name: string) => (dir: string) => [
  'slice',
  join(dir, name),
  '--prefix',
  's3://b/k400/',
  '--percent',
  '10',
  '-o',
  join(dir, 'out.csv'),
];

// Over 1 MiB once gzipped without compression, so it is streamed, not unzipped in one call; damaged a quarter
// of the way in, in the first blocks streamed.
const LARGE = awsListing(40000);

const cases: HostileCase[] = [
  {
    // Every repeat is a problem, and 200,000 of them were spread as arguments into one push: past the stack.
    name: 'a listing of 200,000 keys saved twice (two listings joined)',
    setup: dir => {
      const once = awsListing(200000);
      writeFileSync(join(dir, 'ls.txt'), once + once);
    },
    args: slice('ls.txt'),
    exit: 0,
    stderr: /listed twice: the first size is kept/,
    changes: ['out.csv', 'out.csv.meta.json'],
  },
  {
    // A stored (level 0) gzip with one byte of its text changed: only the CRC at the end tells. The damaged
    // line was reported as not a line of aws s3 ls, when the file is what is wrong.
    name: 'a streamed gzip listing damaged early is named as damaged gzip, not as a bad line',
    setup: dir => {
      const bytes = gzipSync(LARGE, { level: 0 });
      const at = bytes.indexOf('2024-01-02', bytes.length >> 2);
      bytes[at] = 0x58;
      writeFileSync(join(dir, 'ls.txt.gz'), bytes);
    },
    args: slice('ls.txt.gz'),
    exit: 2,
    stderr: /ls\.txt\.gz: not a whole gzip file \(incorrect data check\)/,
  },
];

hostileSuite('listings, second QA pass', cases);
