import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { clearFaults, injectFault } from '../../src/scan/folder-fs.js';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';
import { writeTree } from '../helpers/temp.js';
import { csvManifest, fifo, jsonlManifest, link, rawName, twoClasses } from './input-trees.js';

// verify and materialize against files that fail (issue 9, classes 4 and 11; issue 10, item 10). A row whose
// file cannot be read is a finding of verify (exit 1); materialize checks every source before it makes
// anything, and a failure half-way (injected: no test can fill a disk) removes what the run made.

after(clearFaults);
const TWO: readonly (readonly [string, string])[] = [
  ['c1/a.mp4', 'c1'],
  ['c2/b.mp4', 'c2'],
];
/** `dir/r` with c1/a.mp4 and c2/b.mp4, and `dir/m.csv` listing them, then `rows` more. */
const dataset =
  (...rows: (readonly [string, string])[]) =>
  (dir: string): void => {
    twoClasses(dir);
    csvManifest(join(dir, 'm.csv'), [...TWO, ...rows]);
  };
const verify = (dir: string) => ['verify', join(dir, 'm.csv'), '--root', join(dir, 'r')];
const verifyJsonl = (dir: string) => ['verify', join(dir, 'm.jsonl'), '--root', join(dir, 'r')];
const build = (dir: string, ...more: string[]) => [
  'materialize',
  join(dir, 'm.csv'),
  join(dir, 'd'),
  '--root',
  join(dir, 'r'),
  ...more,
];
const noDest = (dir: string): void => assert.ok(!existsSync(join(dir, 'd')), 'DEST was made');
const LONG = `c1/${'n'.repeat(300)}.mp4`;

const verifyCases: HostileCase[] = [
  {
    name: 'verify: ENOTDIR, a row whose path runs through a file, is a finding',
    setup: dataset(['c1/a.mp4/x.mp4', 'c1']),
    args: verify,
    exit: 1,
    stdout: /^cannot be read \(a part of the path is not a folder\): row 3: c1\/a\.mp4\/x\.mp4\n$/,
  },
  {
    name: 'verify: ELOOP, a row that is a looping link, is a finding',
    setup: dir => {
      dataset(['c1/loop.mp4', 'c1'])(dir);
      link('loop.mp4', join(dir, 'r', 'c1', 'loop.mp4'));
    },
    args: verify,
    exit: 1,
    stdout: /^cannot be read \(too many symbolic links[^\n]*\): row 3: c1\/loop\.mp4\n$/,
  },
  {
    name: 'verify: ENAMETOOLONG, a row with a 300-byte name, is a finding',
    setup: dataset([LONG, 'c1']),
    args: verify,
    exit: 1,
    stdout: /^cannot be read \(name too long\): row 3: /,
  },
  {
    name: 'verify: a NUL byte in a row path is a finding',
    setup: dir => {
      twoClasses(dir);
      jsonlManifest(join(dir, 'm.jsonl'), ['c1/a.mp4', 'c1/a\0.mp4']);
    },
    args: verifyJsonl,
    exit: 1,
    stdout: /^cannot be read \(holds a NUL byte\): row 2: c1\/a\\u0000\.mp4\n$/,
  },
  {
    name: 'verify: EIO (injected) on one row is a finding; the others are checked',
    setup: dir => {
      dataset(['c1/x.mp4', 'c1'])(dir);
      injectFault(join(dir, 'r', 'c2', 'b.mp4'), 'EIO');
    },
    args: verify,
    exit: 1,
    stdout: /^cannot be read \(input\/output error\): row 2: c2\/b\.mp4\nmissing: row 3: c1\/x\.mp4\n$/,
  },
  {
    name: 'verify: EACCES (injected: root bypasses permissions) is a finding',
    setup: dir => {
      dataset()(dir);
      injectFault(join(dir, 'r', 'c1', 'a.mp4'), 'EACCES');
    },
    args: verify,
    exit: 1,
    stdout: /^cannot be read \(permission denied\): row 1: c1\/a\.mp4\n$/,
  },
  {
    name: 'verify: a row that is a FIFO is not a file, and is never opened',
    setup: dir => {
      dataset(['c1/p.mp4', 'c1'])(dir);
      fifo(join(dir, 'r', 'c1', 'p.mp4'));
    },
    args: verify,
    exit: 1,
    stdout: /^not a file: row 3: c1\/p\.mp4\n$/,
  },
  {
    name: 'verify: a root holding a NUL byte',
    setup: dataset(),
    args: dir => ['verify', join(dir, 'm.csv'), '--root', `${dir}/r\0`],
    exit: 2,
    stderr: /is not a folder here/,
  },
  {
    name: 'verify: a root that is a looping link',
    setup: dir => {
      dataset()(dir);
      link('loop', join(dir, 'loop'));
    },
    args: dir => ['verify', join(dir, 'm.csv'), '--root', join(dir, 'loop')],
    exit: 2,
    stderr: /is not a folder here/,
  },
  {
    name: 'verify: a manifest that is a folder',
    args: dir => ['verify', dir],
    exit: 2,
    stderr: /is a folder, not a file/,
  },
  {
    name: 'verify: a manifest that is a FIFO',
    setup: dir => fifo(join(dir, 'm.csv')),
    args: dir => ['verify', join(dir, 'm.csv')],
    exit: 2,
    stderr: /not a regular file/,
  },
];

const materializeCases: HostileCase[] = [
  {
    name: 'materialize --link copy: a missing source makes nothing',
    setup: dataset(['c1/gone.mp4', 'c1']),
    args: dir => build(dir, '--link', 'copy'),
    exit: 2,
    stderr: /row 3: 'c1\/gone\.mp4' does not exist; nothing made/,
    after: noDest,
  },
  {
    name: 'materialize --link hardlink: a missing source makes nothing',
    setup: dataset(['c1/gone.mp4', 'c1']),
    args: dir => build(dir, '--link', 'hardlink'),
    exit: 2,
    stderr: /does not exist; nothing made/,
    after: noDest,
  },
  {
    name: 'materialize --link symlink to a missing source is an error, never exit 0',
    setup: dataset(['c1/gone.mp4', 'c1']),
    args: dir => build(dir),
    exit: 2,
    stderr: /a link to a missing file would dangle/,
    after: noDest,
  },
  {
    name: 'materialize: the error counts every bad source',
    setup: dataset(['c1/x.mp4', 'c1'], ['c1/y.mp4', 'c1'], ['c2/z.mp4', 'c2']),
    args: dir => build(dir),
    exit: 2,
    stderr: /row 3: 'c1\/x\.mp4' does not exist \(and 2 more rows\)/,
  },
  {
    name: 'materialize: ELOOP in a source',
    setup: dir => {
      dataset(['c1/loop.mp4', 'c1'])(dir);
      link('loop.mp4', join(dir, 'r', 'c1', 'loop.mp4'));
    },
    args: dir => build(dir, '--link', 'copy'),
    exit: 2,
    stderr: /'c1\/loop\.mp4' too many symbolic links/,
    after: noDest,
  },
  {
    name: 'materialize: ENOTDIR, a source through a file',
    setup: dataset(['c1/a.mp4/b.mp4', 'c1']),
    args: dir => build(dir),
    exit: 2,
    stderr: /'c1\/a\.mp4\/b\.mp4' a part of the path is not a folder; nothing made/,
    after: noDest,
  },
  {
    name: 'materialize: ENAMETOOLONG in a source',
    setup: dataset([LONG, 'c1']),
    args: dir => build(dir),
    exit: 2,
    stderr: /name too long/,
    after: noDest,
  },
  {
    name: 'materialize: a NUL byte in a source',
    setup: dir => {
      twoClasses(dir);
      jsonlManifest(join(dir, 'm.jsonl'), ['c1/a.mp4', 'c1/b\0.mp4']);
    },
    args: dir => ['materialize', join(dir, 'm.jsonl'), join(dir, 'd'), '--root', join(dir, 'r')],
    exit: 2,
    stderr: /holds a NUL byte/,
    after: noDest,
  },
  {
    name: 'materialize: EIO (injected) on a source',
    setup: dir => {
      dataset()(dir);
      injectFault(join(dir, 'r', 'c2', 'b.mp4'), 'EIO');
    },
    args: dir => build(dir, '--link', 'hardlink'),
    exit: 2,
    stderr: /'c2\/b\.mp4' input\/output error/,
    after: noDest,
  },
  {
    name: 'materialize: a source that is a folder',
    setup: dir => {
      dataset(['c1/sub.mp4', 'c1'])(dir);
      mkdirSync(join(dir, 'r', 'c1', 'sub.mp4'));
    },
    args: dir => build(dir, '--link', 'copy'),
    exit: 2,
    stderr: /is not a regular file/,
    after: noDest,
  },
  {
    name: 'materialize --link copy from a FIFO source is refused, never a copy that waits forever',
    setup: dir => {
      dataset(['c1/p.mp4', 'c1'])(dir);
      fifo(join(dir, 'r', 'c1', 'p.mp4'));
    },
    args: dir => build(dir, '--link', 'copy'),
    exit: 2,
    stderr: /'c1\/p\.mp4' is not a regular file; nothing made/,
    after: noDest,
  },
  {
    name: 'materialize: a folder at a target path is an error, even with --force',
    setup: dir => {
      dataset()(dir);
      mkdirSync(join(dir, 'd', 'c2', 'b.mp4'), { recursive: true });
    },
    args: dir => build(dir, '--link', 'copy', '--force'),
    exit: 2,
    stderr: /b\.mp4 is a folder where a clip must go/,
  },
  {
    name: 'materialize: a dangling link at a target is a clash without --force',
    setup: dir => {
      dataset()(dir);
      mkdirSync(join(dir, 'd', 'c1'), { recursive: true });
      link(join(dir, 'nowhere'), join(dir, 'd', 'c1', 'a.mp4'));
    },
    args: dir => build(dir, '--link', 'copy'),
    exit: 2,
    stderr: /a\.mp4 exists and is not a copy of/,
  },
  {
    name: 'materialize: a dangling link at a target is replaced with --force (the link, not its target)',
    setup: dir => {
      dataset()(dir);
      mkdirSync(join(dir, 'd', 'c1'), { recursive: true });
      link(join(dir, 'nowhere'), join(dir, 'd', 'c1', 'a.mp4'));
    },
    args: dir => build(dir, '--link', 'copy', '--force', '-q'),
    exit: 0,
    changes: ['d/c1/a.mp4', 'd/c2', 'd/c2/b.mp4'],
    after: dir => {
      assert.ok(lstatSync(join(dir, 'd', 'c1', 'a.mp4')).isFile());
      assert.ok(!existsSync(join(dir, 'nowhere')));
    },
  },
  {
    name: 'materialize: a file where a class folder must go makes nothing',
    setup: dir => {
      dataset()(dir);
      writeTree(dir, { 'd/c2': 'not a folder' });
    },
    args: dir => build(dir),
    exit: 2,
    stderr: /c2 is in the way: a file where a folder must go/,
  },
  {
    name: 'materialize: a DEST that is a looping link',
    setup: dir => {
      dataset()(dir);
      link('d', join(dir, 'd'));
    },
    args: dir => build(dir),
    exit: 2,
    stderr: /too many symbolic links/,
  },
  {
    name: 'materialize: a manifest that is /dev/zero',
    args: dir => ['materialize', '/dev/zero', join(dir, 'd')],
    exit: 2,
    stderr: /manifest \/dev\/zero: is a device/,
    after: noDest,
  },
  {
    name: 'materialize: a failure half-way (ENOSPC, injected) removes every file and folder the run made',
    setup: dir => {
      dataset()(dir);
      injectFault(join(dir, 'd', 'c2', 'b.mp4'), 'ENOSPC', 'materialize');
    },
    args: dir => build(dir, '--link', 'copy'),
    exit: 2,
    stderr: /cannot make .*b\.mp4: .*nothing was left in DEST/,
    after: noDest,
  },
  {
    name: 'materialize: a failure half-way into a used DEST leaves it as it was',
    setup: dir => {
      dataset(['c2/c.mp4', 'c2'])(dir);
      writeTree(dir, { 'r/c2/c.mp4': 3, 'd/c1/keep.txt': 'mine' });
      injectFault(join(dir, 'd', 'c2', 'c.mp4'), 'EIO', 'materialize');
    },
    args: dir => build(dir, '--link', 'hardlink'),
    exit: 2,
    stderr: /input\/output error; nothing was left in DEST/,
  },
  {
    name: 'materialize --force: a failure half-way puts the replaced files back',
    setup: dir => {
      dataset()(dir);
      writeTree(dir, { 'd/c1/a.mp4': 'old a', 'd/c2/b.mp4': 'old b' });
      injectFault(join(dir, 'd', 'c2', 'b.mp4'), 'ENOSPC', 'materialize');
    },
    args: dir => build(dir, '--link', 'copy', '--force'),
    exit: 2,
    stderr: /nothing was left in DEST/,
  },
  {
    name: 'materialize into a DEST holding other files warns with the count',
    setup: dir => {
      dataset()(dir);
      writeTree(dir, { 'd/c1/old.mp4': 3, 'd/c9/x.mp4': 3 });
    },
    args: dir => build(dir),
    exit: 0,
    stderr: /warning: .*d holds 2 files the manifest does not \(--prune removes them\)/,
    changes: ['d/c1/a.mp4', 'd/c2', 'd/c2/b.mp4'],
  },
  {
    name: 'materialize --prune removes what the manifest does not hold, and the folders it empties',
    setup: dir => {
      dataset()(dir);
      writeTree(dir, { 'd/c1/old.mp4': 3, 'd/c9/x.mp4': 3, 'd/c9/deep/y.mp4': 3 });
    },
    args: dir => build(dir, '--prune'),
    exit: 0,
    stderr: /made 2 links, 0 already in place, removed 3 files the manifest does not hold/,
    changes: ['d/c1/a.mp4', 'd/c1/old.mp4', 'd/c2', 'd/c2/b.mp4', 'd/c9', 'd/c9/x.mp4', 'd/c9/deep', 'd/c9/deep/y.mp4'],
    after: dir => {
      assert.deepEqual(readdirSync(join(dir, 'd')).sort(), ['c1', 'c2']);
      assert.deepEqual(readdirSync(join(dir, 'd', 'c1')), ['a.mp4']);
    },
  },
  {
    name: 'materialize --prune never follows a link out of DEST: it removes the link only',
    setup: dir => {
      dataset()(dir);
      writeTree(dir, { 'outside/precious.mp4': 'keep me' });
      mkdirSync(join(dir, 'd'));
      link(join(dir, 'outside'), join(dir, 'd', 'elsewhere'));
    },
    args: dir => build(dir, '--prune', '-q'),
    exit: 0,
    changes: ['d/c1', 'd/c1/a.mp4', 'd/c2', 'd/c2/b.mp4', 'd/elsewhere'],
    after: dir => {
      assert.equal(readFileSync(join(dir, 'outside', 'precious.mp4'), 'utf8'), 'keep me');
      assert.ok(!existsSync(join(dir, 'd', 'elsewhere')));
    },
  },
  {
    name: 'materialize --prune keeps the clips already in place',
    setup: dir => {
      dataset()(dir);
      mkdirSync(join(dir, 'd', 'c1'), { recursive: true });
      link(join(dir, 'r', 'c1', 'a.mp4'), join(dir, 'd', 'c1', 'a.mp4'));
      writeFileSync(join(dir, 'd', 'c1', 'stale.mp4'), 'x');
    },
    args: dir => build(dir, '--prune'),
    exit: 0,
    stderr: /made 1 link, 1 already in place, removed 1 file/,
    changes: ['d/c1/stale.mp4', 'd/c2', 'd/c2/b.mp4'],
  },
  {
    name: 'materialize --prune removes a file whose name is not UTF-8 (really, not just in the count)',
    setup: dir => {
      dataset()(dir);
      mkdirSync(join(dir, 'd', 'c1'), { recursive: true });
      rawName(join(dir, 'd', 'c1'), [0xff], '.mp4');
      rawName(join(dir, 'd'), [0xfe, 0x41], '', null);
    },
    args: dir => build(dir, '--prune'),
    exit: 0,
    stderr: /removed 2 files the manifest does not hold/,
    changes: ['d/c1/a.mp4', 'd/c2', 'd/c2/b.mp4'],
    after: dir => {
      assert.deepEqual(readdirSync(join(dir, 'd', 'c1'), { encoding: 'buffer' }), [Buffer.from('a.mp4')]);
      assert.deepEqual(readdirSync(join(dir, 'd')).sort(), ['c1', 'c2']);
    },
  },
  {
    name: 'materialize without --prune removes nothing',
    setup: dir => {
      dataset()(dir);
      writeTree(dir, { 'd/c1/old.mp4': 3 });
    },
    args: dir => build(dir, '-q'),
    exit: 0,
    changes: ['d/c1/a.mp4', 'd/c2', 'd/c2/b.mp4'],
    after: dir => assert.ok(existsSync(join(dir, 'd', 'c1', 'old.mp4'))),
  },
];

hostileSuite('hostile input: verify and materialize against failing files', [...verifyCases, ...materializeCases]);
