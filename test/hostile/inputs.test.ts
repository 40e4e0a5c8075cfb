import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { clearFaults, injectFault } from '../../src/scan/folder-fs.js';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';
import { runMainOk } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';
import { classTree, csvRows, fifo, jsonlManifest, link, longLine, rawName, sparse, twoClasses } from './input-trees.js';

// The input side of issue 9: filesystem errors in the walk (class 4), symlink cycles (5), names that are not
// UTF-8 or hold line breaks (6), resource bounds (7) and damaged indexes (9). Tests run as root, which no
// permission stops: EACCES and EIO are injected through the walk's seam (src/scan/folder-fs.ts); ELOOP,
// ENOTDIR, ENAMETOOLONG and NUL bytes are real.

after(clearFaults);
const MINI = fixture('kinetics-mini');
const MIB = 1024 * 1024;
/** The lines of the fixture's index, scanned once, when a case first needs them (not while the file loads). */
let indexLines: Promise<string[]> | undefined;
/** The index of the fixture with its lines changed by `edit`. */
const index = (edit: (lines: string[]) => string[]) => async (dir: string) => {
  indexLines ??= runMainOk(['scan', MINI, '-q']).then(text => text.trimEnd().split('\n'));
  writeFileSync(join(dir, 'i.jsonl'), `${edit([...(await indexLines)]).join('\n')}\n`);
};
const slice = (dir: string, ...more: string[]) => ['slice', join(dir, 'r'), ...more];
const sliceIndex = (dir: string) => ['slice', join(dir, 'i.jsonl')];
const damaged = /is damaged: .*\(scan again: k400-slice scan ROOT -o INDEX\)/;

const walk: HostileCase[] = [
  {
    name: 'ELOOP: a self-looping link named like a video is reported and skipped',
    setup: dir => link('self.mp4', join(twoClasses(dir), 'c1', 'self.mp4')),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /warning: c1\/self\.mp4: too many symbolic links/,
  },
  {
    name: 'ELOOP: a self-looping link with another name is reported, not a crash',
    setup: dir => link('loop', join(twoClasses(dir), 'c1', 'loop')),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /warning: c1\/loop: too many symbolic links/,
  },
  {
    name: 'ELOOP: a self-looping link among the class folders',
    setup: dir => link('c0', join(twoClasses(dir), 'c0')),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /warning: c0: too many symbolic links/,
  },
  {
    name: 'ELOOP: a self-looping link among the class folders of a split',
    setup: dir => {
      classTree(dir, { 'train/c1': ['a'], 'val/c1': ['b'] });
      link('x', join(dir, 'r', 'train', 'x'));
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /warning: train\/x: too many symbolic links/,
  },
  {
    name: 'ELOOP: a dataset root that is a looping link is an error',
    setup: dir => link('r', join(dir, 'r')),
    args: dir => slice(dir),
    exit: 2,
    stderr: /dataset root .*too many symbolic links/,
  },
  {
    name: 'cycle: ln -s .. ROOT/c1/loop keeps 2 files as 2 rows in their own class, reported once',
    setup: dir => link('..', join(twoClasses(dir), 'c1', 'loop')),
    args: dir => slice(dir),
    exit: 0,
    stdout: /^path[^\n]*\nc1\/a\.mp4,c1,0,[^\n]*\nc2\/b\.mp4,c2,1,[^\n]*\n$/,
    stderr: /^(?![\s\S]*cycle[\s\S]*cycle)[\s\S]*c1\/loop: symbolic link cycle/,
  },
  {
    name: 'cycle: a link to its own class folder adds nothing',
    setup: dir => link('.', join(twoClasses(dir), 'c1', 'again')),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /c1\/again: symbolic link cycle/,
  },
  {
    name: 'cycle: a link from a sub-folder back to its class folder',
    setup: dir => {
      const root = twoClasses(dir);
      writeTree(root, { 'c1/sub/d.mp4': 3 });
      link('..', join(root, 'c1', 'sub', 'up'));
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(3),
    stderr: /c1\/sub\/up: symbolic link cycle/,
  },
  {
    name: 'cycle: a link to the root from a split tree keeps each clip once',
    setup: dir => {
      classTree(dir, { 'train/c1': ['a'], 'val/c1': ['b'] });
      link('../..', join(dir, 'r', 'train', 'c1', 'loop'));
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /train\/c1\/loop: symbolic link cycle/,
  },
  {
    name: 'cycle: a link to the split folder from a class below it',
    setup: dir => {
      classTree(dir, { 'train/c1': ['a'], 'train/c2': ['b'] });
      link('..', join(dir, 'r', 'train', 'c1', 'split'));
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /train\/c1\/split: symbolic link cycle/,
  },
  {
    name: 'cycle: scan writes an index of 2 clips, not 18',
    setup: dir => link('..', join(twoClasses(dir), 'c1', 'loop')),
    args: dir => ['scan', join(dir, 'r')],
    exit: 0,
    stdout: /"clips":2,/,
  },
  {
    name: 'a link to a sibling class folder is followed (not a cycle)',
    setup: dir => link('../c2', join(twoClasses(dir), 'c1', 'more')),
    args: dir => slice(dir),
    exit: 0,
    stderr: /^(?![\s\S]*cycle)/,
  },
  {
    name: 'non-UTF-8: a file name is counted as its own skipped kind, never "vanished"',
    setup: dir => rawName(join(twoClasses(dir), 'c1'), [0xff, 0xfe], '.mp4'),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /^(?![\s\S]*vanished)[\s\S]*skipped 1 file \(1 name not UTF-8\)/,
  },
  {
    name: 'non-UTF-8: a class folder takes no label_index and is reported',
    setup: dir => {
      const root = classTree(dir, { a: ['x'], c: ['y'] });
      rawName(root, [0x62, 0xe9], '', null);
      writeFileSync(Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x62, 0xe9]), Buffer.from('/z.mp4')]), 'abc');
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: /^path[^\n]*\na\/x\.mp4,a,0,[^\n]*\nc\/y\.mp4,c,1,[^\n]*\n$/,
    stderr: /folder name is not valid UTF-8, not read/,
  },
  {
    name: 'non-UTF-8: a class folder below a split is left out of the classes',
    setup: dir => {
      classTree(dir, { 'train/a': ['x'], 'train/c': ['y'] });
      rawName(join(dir, 'r', 'train'), [0xc3, 0x28], '', null);
    },
    args: dir => [...slice(dir), '--format', 'json'],
    exit: 0,
    stdout: /"classes": \[\n\s*\{"label":"a","label_index":0,[^\n]*\n\s*\{"label":"c","label_index":1,[^\n]*\n\s*\]/,
    stderr: /warning: train\/.*: folder name is not valid UTF-8/,
  },
  {
    name: 'non-UTF-8: a split folder is left out and reported',
    setup: dir => {
      classTree(dir, { 'train/a': ['x'] });
      rawName(join(dir, 'r'), [0x80], '', null);
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(1),
    stderr: /folder name is not valid UTF-8/,
  },
  {
    name: 'non-UTF-8: the count reaches the provenance',
    setup: dir => rawName(join(twoClasses(dir), 'c2'), [0xfe], '.mkv'),
    args: dir => [...slice(dir), '--format', 'json'],
    exit: 0,
    stdout: /"non_utf8": 1/,
  },
  {
    name: 'EACCES (injected: root bypasses permissions): an unsearchable class folder is reported, the rest sliced',
    setup: dir => injectFault(join(twoClasses(dir), 'c1'), 'EACCES'),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(1),
    stderr: /warning: c1: permission denied/,
  },
  {
    name: 'EACCES (injected): a file that cannot be stat-ed is reported, not a crash',
    setup: dir => injectFault(join(twoClasses(dir), 'c1', 'a.mp4'), 'EACCES'),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(1),
    stderr: /warning: c1\/a\.mp4: permission denied/,
  },
  {
    name: 'EIO (injected) reading a class folder',
    setup: dir => injectFault(join(twoClasses(dir), 'c2'), 'EIO'),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(1),
    stderr: /warning: c2: input\/output error/,
  },
  {
    name: 'EIO (injected) on a file',
    setup: dir => injectFault(join(twoClasses(dir), 'c2', 'b.mp4'), 'EIO'),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(1),
    stderr: /warning: c2\/b\.mp4: input\/output error/,
  },
  {
    name: 'EIO (injected) on a link that might be a folder',
    setup: dir => {
      const root = twoClasses(dir);
      link('../c2', join(root, 'c1', 'other'));
      injectFault(join(root, 'c1', 'other'), 'EIO');
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /warning: c1\/other: input\/output error/,
  },
  {
    name: 'ENAMETOOLONG (injected) on a file of the walk',
    setup: dir => injectFault(join(twoClasses(dir), 'c1', 'a.mp4'), 'ENAMETOOLONG'),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(1),
    stderr: /warning: c1\/a\.mp4: name too long/,
  },
  {
    name: 'EACCES (injected) on the split folder listing the classes',
    setup: dir => {
      classTree(dir, { 'train/a': ['x'], 'val/a': ['y'] });
      injectFault(join(dir, 'r', 'val'), 'EACCES');
    },
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(1),
    stderr: /warning: val: permission denied/,
  },
  {
    name: 'EIO (injected) reading the dataset root is an error',
    setup: dir => injectFault(twoClasses(dir), 'EIO'),
    args: dir => slice(dir),
    exit: 2,
    stderr: /dataset root .*input\/output error/,
  },
  {
    name: 'a FIFO named like a video is reported, never opened (even with --probe)',
    setup: dir => fifo(join(twoClasses(dir), 'c1', 'pipe.mp4')),
    args: dir => ['scan', join(dir, 'r'), '--probe'],
    exit: 0,
    stdout: /"clips":2,/,
    stderr: /warning: c1\/pipe\.mp4: not a regular file, skipped/,
  },
  {
    name: 'a link to /dev/zero named like a video is reported, never read',
    setup: dir => link('/dev/zero', join(twoClasses(dir), 'c2', 'zero.mp4')),
    args: dir => slice(dir),
    exit: 0,
    stdout: csvRows(2),
    stderr: /warning: c2\/zero\.mp4: not a regular file, skipped/,
  },
  {
    name: 'a NUL byte in the dataset root',
    args: dir => ['slice', `${dir}/r\0x`],
    exit: 2,
    stderr: /holds a NUL byte/,
  },
  {
    name: 'a dataset root that is a device',
    args: () => ['slice', '/dev/zero'],
    exit: 2,
    stderr: /is a device, pipe or socket, not a folder/,
  },
  {
    name: 'a dataset root that is a FIFO is refused without waiting on it',
    setup: dir => fifo(join(dir, 'r')),
    args: dir => slice(dir),
    exit: 2,
    stderr: /is a device, pipe or socket, not a folder/,
  },
];

const bounds: HostileCase[] = [
  {
    name: '--ids-file /dev/zero is refused, not read without end',
    args: () => ['slice', MINI, '--ids-file', '/dev/zero'],
    exit: 2,
    stderr: /--ids-file \/dev\/zero: is a device, pipe or socket, not a regular file/,
  },
  {
    name: '--ids-file a FIFO is refused without waiting on it',
    setup: dir => fifo(join(dir, 'ids')),
    args: dir => ['slice', MINI, '--ids-file', join(dir, 'ids')],
    exit: 2,
    stderr: /not a regular file/,
  },
  {
    name: '--ids-file a folder',
    args: dir => ['slice', MINI, '--ids-file', dir],
    exit: 2,
    stderr: /--ids-file .*: is a folder, not a file/,
  },
  {
    name: '--exclude-ids-file /dev/urandom',
    args: () => ['slice', MINI, '--exclude-ids-file', '/dev/urandom'],
    exit: 2,
    stderr: /not a regular file/,
  },
  {
    name: '--classes-file /dev/urandom',
    args: () => ['slice', MINI, '--classes-file', '/dev/urandom'],
    exit: 2,
    stderr: /--classes-file \/dev\/urandom: is a device/,
  },
  {
    name: '--exclude-classes-file /dev/zero',
    args: () => ['slice', MINI, '--exclude-classes-file', '/dev/zero'],
    exit: 2,
    stderr: /not a regular file/,
  },
  {
    name: '--label-map /dev/zero',
    args: () => ['slice', MINI, '--label-map', '/dev/zero'],
    exit: 2,
    stderr: /--label-map \/dev\/zero: is a device/,
  },
  {
    name: '--annotations /dev/zero',
    args: () => ['slice', MINI, '--annotations', '/dev/zero'],
    exit: 2,
    stderr: /\/dev\/zero: is a device/,
  },
  {
    name: 'run with a config that is /dev/zero',
    args: () => ['run', '/dev/zero'],
    exit: 2,
    stderr: /config \/dev\/zero: is a device/,
  },
  {
    name: 'run with a config that is a FIFO',
    setup: dir => fifo(join(dir, 'slices.json')),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /not a regular file/,
  },
  {
    name: 'verify /dev/urandom ends at once',
    args: () => ['verify', '/dev/urandom'],
    exit: 2,
    stderr: /manifest \/dev\/urandom: is a device/,
  },
  {
    name: 'stats of a manifest that is a FIFO',
    setup: dir => fifo(join(dir, 'm.csv')),
    args: dir => ['stats', join(dir, 'm.csv')],
    exit: 2,
    stderr: /not a regular file|not a folder/,
  },
  {
    name: 'an --ids-file over 256 MiB is refused before it is read',
    setup: dir => sparse(join(dir, 'ids.txt'), 257 * MIB),
    args: dir => ['slice', MINI, '--ids-file', join(dir, 'ids.txt')],
    exit: 2,
    stderr: /larger than 256 MiB/,
  },
  {
    name: 'a --classes-file line over 16 MiB is refused, naming the line',
    setup: dir => writeFileSync(join(dir, 'c.txt'), `abseiling\n${'x'.repeat(17 * MIB)}\n`),
    args: dir => ['slice', MINI, '--classes-file', join(dir, 'c.txt')],
    exit: 2,
    stderr: /c\.txt: line 2 is longer than 16 MiB/,
  },
  {
    name: 'an --ids-file line over 16 MiB without a newline at all',
    setup: dir => writeFileSync(join(dir, 'ids.txt'), 'y'.repeat(17 * MIB)),
    args: dir => ['slice', MINI, '--ids-file', join(dir, 'ids.txt')],
    exit: 2,
    stderr: /line 1 is longer than 16 MiB/,
  },
  {
    name: 'a regular file of size 0 that still holds text (/proc) is read to its end, within the cap',
    args: () => ['slice', MINI, '--ids-file', '/proc/self/status'],
    exit: 1,
    stderr: /--ids-file: \d+ of \d+ listed ids name no clip|nothing/,
  },
  {
    name: 'a NUL byte in an --ids-file path',
    args: dir => ['slice', MINI, '--ids-file', `${dir}/ids\0.txt`],
    exit: 2,
    stderr: /--ids-file .*: holds a NUL byte/,
  },
  {
    name: 'a NUL byte in the source of a run config',
    setup: dir =>
      writeFileSync(
        join(dir, 'slices.json'),
        JSON.stringify({ source: `${MINI}\0`, slices: { s: { percent: 10, output: 'm.csv' } } }),
      ),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /holds a NUL byte/,
  },
  {
    name: 'a run config whose label map is /dev/zero',
    setup: dir =>
      writeFileSync(
        join(dir, 'slices.json'),
        JSON.stringify({ source: MINI, slices: { s: { percent: 10, labelMap: '/dev/zero', output: 'm.csv' } } }),
      ),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /\/dev\/zero: is a device/,
  },
  {
    name: '--shards 10000000 is refused before anything is dealt',
    setup: dir => mkdirSync(join(dir, 'out')),
    args: dir => ['slice', MINI, '--shards', '10000000', '-o', join(dir, 'out', 'm-{shard}.csv')],
    exit: 2,
    stderr: /--shards must be at most 10,000/,
  },
  {
    name: '--shards beyond the clips selected writes no file',
    setup: dir => mkdirSync(join(dir, 'out')),
    args: dir => ['slice', MINI, '--percent', '10', '--shards', '100', '-o', join(dir, 'out', 'm-{shard}.csv')],
    exit: 2,
    stderr: /--shards 100: more shards than the 15 clips selected \(use at most 15 shards\)/,
  },
  {
    name: '--shards beyond the clips selected, with --splits',
    setup: dir => mkdirSync(join(dir, 'out')),
    args: dir => [
      'slice',
      MINI,
      '--per-class',
      '1',
      '--splits',
      'a=50,b=50',
      '--shards',
      '5000',
      '-o',
      join(dir, 'out', '{split}-{shard}.csv'),
    ],
    exit: 2,
    stderr: /more shards than the \d+ clips selected/,
  },
  {
    name: 'a run config asking for 10,000,001 shards',
    setup: dir =>
      writeFileSync(
        join(dir, 'slices.json'),
        JSON.stringify({ source: MINI, slices: { s: { shards: 10000001, output: 'm-{shard}.csv' } } }),
      ),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /at most 10,000/,
  },
];

const indexes: HostileCase[] = [
  {
    name: 'damaged index: a clip line repeated',
    setup: index(lines => [...lines, lines[1] as string]),
    args: sliceIndex,
    exit: 2,
    stderr: damaged,
  },
  {
    name: 'damaged index: a clip line repeated in place of another (counts agree)',
    setup: index(lines => [lines[0] as string, lines[1] as string, ...lines.slice(1, -1)]),
    args: sliceIndex,
    exit: 2,
    stderr: /is damaged: line 3: path .* is listed twice/,
  },
  {
    name: 'damaged index: one clip id twice in a split under two paths',
    setup: index(lines => [
      ...lines.slice(0, -1),
      (lines[1] as string).replace('"path":"train/abseiling/', '"path":"train/abseiling/copy/'),
    ]),
    args: sliceIndex,
    exit: 2,
    stderr: /clip id '.*' is listed twice in its split/,
  },
  {
    name: "damaged index: a path climbing out with '..'",
    setup: index(lines => [
      lines[0] as string,
      (lines[1] as string).replace('"path":"', '"path":"../'),
      ...lines.slice(2),
    ]),
    args: sliceIndex,
    exit: 2,
    stderr: /is not relative below the root/,
  },
  {
    name: 'damaged index: an absolute path',
    setup: index(lines => [
      lines[0] as string,
      (lines[1] as string).replace('"path":"', '"path":"/etc/'),
      ...lines.slice(2),
    ]),
    args: sliceIndex,
    exit: 2,
    stderr: /is not relative below the root/,
  },
  {
    name: "damaged index: a '..' in the middle of a path",
    setup: index(lines => [
      lines[0] as string,
      (lines[1] as string).replace('"path":"train/', '"path":"train/../../'),
      ...lines.slice(2),
    ]),
    args: sliceIndex,
    exit: 2,
    stderr: /is not relative below the root/,
  },
  {
    name: 'damaged index: a clip of a split the header does not name',
    setup: index(lines => [
      lines[0] as string,
      (lines[1] as string).replace('"split":"train"', '"split":"nosuch"'),
      ...lines.slice(2),
    ]),
    args: sliceIndex,
    exit: 2,
    stderr: /line 2: split 'nosuch' is not in the header/,
  },
  {
    name: 'damaged index: a clip of a class the header does not name (it would get no label_index)',
    setup: index(lines => [
      lines[0] as string,
      (lines[1] as string).replace('"label":"abseiling"', '"label":"zzz"'),
      ...lines.slice(2),
    ]),
    args: sliceIndex,
    exit: 2,
    stderr: /line 2: class 'zzz' is not in the header/,
  },
  {
    name: 'damaged index: a header claiming more clips than exist ends at the last line',
    setup: index(lines => [(lines[0] as string).replace('"clips":80', '"clips":9007199254740991'), ...lines.slice(1)]),
    args: sliceIndex,
    exit: 2,
    stderr: /header counts 9007199254740991 clips but 80 follow/,
  },
  {
    name: 'damaged index: cut short',
    setup: index(lines => lines.slice(0, 10)),
    args: sliceIndex,
    exit: 2,
    stderr: /header counts 80 clips but 9 follow/,
  },
  {
    name: 'damaged index: a line that is not JSON',
    setup: index(lines => [lines[0] as string, '{"path":', ...lines.slice(2)]),
    args: sliceIndex,
    exit: 2,
    stderr: damaged,
  },
  {
    name: 'damaged index: a line over 64 MiB is refused, not held',
    setup: dir => longLine(join(dir, 'i.jsonl'), 65 * MIB, '{"k400_slice_index":1,'),
    args: sliceIndex,
    exit: 2,
    stderr: /line 1 is longer than 64 MiB/,
  },
  {
    name: 'damaged index: read by scan as a probe cache is not trusted, and not damaged',
    setup: index(lines => [...lines, lines[1] as string]),
    args: dir => ['scan', MINI, '--probe', '-o', join(dir, 'i.jsonl')],
    exit: 0,
    changes: ['i.jsonl'],
  },
];

const lineBreaks: HostileCase[] = [
  {
    name: 'a newline in a path is refused for --format mmaction, naming the row',
    setup: dir => classTree(dir, { c1: ['a\nb', 'c'] }),
    args: dir => [...slice(dir), '--format', 'mmaction'],
    exit: 2,
    stderr: /--format mmaction: row 1 has a path with a line break/,
  },
  {
    name: 'a carriage return in a path is refused for --format pytorchvideo',
    setup: dir => classTree(dir, { c1: ['a\rb'] }),
    args: dir => [...slice(dir), '--format', 'pytorchvideo', '--separator', ','],
    exit: 2,
    stderr: /line break/,
  },
  {
    name: 'a newline in a path is refused for --format dali',
    setup: dir => classTree(dir, { c1: ['x\ny'] }),
    args: dir => [...slice(dir), '--format', 'dali'],
    exit: 2,
    stderr: /--format dali: row 1 has a path with a line break/,
  },
  {
    name: 'a newline in a class folder name is refused for a list format',
    setup: dir => classTree(dir, { 'c\n1': ['a'] }),
    args: dir => [...slice(dir), '--format', 'mmaction'],
    exit: 2,
    stderr: /line break/,
  },
  {
    name: 'CSV carries a newline in a path, quoted (RFC 4180)',
    setup: dir => classTree(dir, { c1: ['a\nb'] }),
    args: dir => slice(dir),
    exit: 0,
    stdout: /^path[^\n]*\n"c1\/a\nb\.mp4",c1,0,"c1\/a\nb",,,,\n$/,
  },
  {
    name: 'JSONL escapes a newline in a path',
    setup: dir => classTree(dir, { c1: ['a\nb'] }),
    args: dir => [...slice(dir), '--format', 'jsonl'],
    exit: 0,
    stdout: /^\{"path":"c1\/a\\nb\.mp4"[^\n]*\}\n$/,
  },
  {
    name: 'verify prints a finding for a path with a newline on one line',
    setup: dir => {
      mkdirSync(join(dir, 'r'));
      jsonlManifest(join(dir, 'm.jsonl'), ['c1/a\nb.mp4']);
    },
    args: dir => ['verify', join(dir, 'm.jsonl'), '--root', join(dir, 'r')],
    exit: 1,
    stdout: /^missing: row 1: c1\/a\\nb\.mp4\n$/,
  },
];

hostileSuite('hostile input: the walk, input bounds, damaged indexes and line breaks', [
  ...walk,
  ...bounds,
  ...indexes,
  ...lineBreaks,
]);

// The table's rows must stay distinct: a copied row would count twice and test once.
const names = [...walk, ...bounds, ...indexes, ...lineBreaks].map(row => row.name);
assert.equal(new Set(names).size, names.length);
