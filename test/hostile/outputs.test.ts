import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HostileCase, hostileSuite } from '../helpers/hostile.js';
import { runMainOk } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');
const CVDF = fixture('cvdf-mini');
const ONE_LINE = /^k400-slice: error: [^\n]*\n$/;

/** Makes an index of the fixture at `dir/i.jsonl` with `k400-slice scan`, in-process. */
async function index(dir: string): Promise<void> {
  await runMainOk(['scan', MINI, '-o', join(dir, 'i.jsonl'), '-q']);
}

function copyOf(root: string, dir: string): string {
  cpSync(root, join(dir, 'root'), { recursive: true });
  return join(dir, 'root');
}

function config(dir: string, body: unknown): void {
  writeFileSync(join(dir, 'slices.json'), JSON.stringify(body));
}

/** Whether `chattr +i` works here (root on a filesystem with attributes): the rename-failure reproductions. */
const chattrWorks = (() => {
  const probe = join(tmpdir(), `k400-chattr-${process.pid}`);
  try {
    writeFileSync(probe, '');
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    try {
      execFileSync('rm', ['-f', probe]);
    } catch {
      // nothing to remove
    }
  }
})();

const isRoot = process.getuid?.() === 0;

/**
 * A device for a case: as root, a private node made in the case's folder (the same device as /dev/null or
 * /dev/full), so that a regression replaces that node, never the machine's /dev/null; otherwise the real one,
 * which a process that is not root cannot replace.
 */
function device(dir: string, name: 'null' | 'full'): string {
  return isRoot ? join(dir, name) : `/dev/${name}`;
}

function makeDevice(dir: string, name: 'null' | 'full'): void {
  if (isRoot) execFileSync('mknod', ['-m', '666', join(dir, name), 'c', '1', name === 'null' ? '3' : '7']);
}

const immutable = (...paths: string[]) => execFileSync('chattr', ['+i', ...paths]);
const mutable = (...paths: string[]) => execFileSync('chattr', ['-i', ...paths]);

/** Waits (blocking) until `check` holds or two seconds pass: for a FIFO's reader to finish. */
function waitFor(check: () => boolean): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 200 && !check(); i++) Atomics.wait(sleeper, 0, 0, 10);
}

const nonRegular: HostileCase[] = [
  {
    name: '-o /dev/null is written into: it stays a device, and no sidecar is made beside it',
    setup: dir => makeDevice(dir, 'null'),
    args: dir => ['slice', MINI, '--format', 'jsonl', '-o', device(dir, 'null'), '-q'],
    exit: 0,
    after: dir => {
      assert.ok(statSync(device(dir, 'null')).isCharacterDevice());
      assert.equal(existsSync(`${device(dir, 'null')}.meta.json`), false);
    },
  },
  {
    name: '--report /dev/null beside a real manifest',
    setup: dir => makeDevice(dir, 'null'),
    args: dir => ['slice', MINI, '-o', join(dir, 'm.csv'), '--report', device(dir, 'null'), '-q'],
    exit: 0,
    changes: ['m.csv', 'm.csv.meta.json'],
    after: dir => assert.ok(statSync(device(dir, 'null')).isCharacterDevice()),
  },
  {
    // /dev/fd/1 rather than /dev/stdout: a regression run as root would replace the machine's /dev/stdout.
    name: '-o /dev/fd/1 writes the manifest to the stream the shell opened, no sidecar',
    spawn: true,
    args: () => ['slice', MINI, '--format', 'csv', '--percent', '10', '-o', '/dev/fd/1', '-q'],
    exit: 0,
    stdout: /^path,label,label_index,clip_id/,
  },
  {
    name: '-o /dev/fd/1 redirected to a file keeps the file the shell opened',
    spawn: true,
    setup: dir => writeFileSync(join(dir, 'out.csv'), ''),
    stdoutTo: 'out.csv',
    args: () => ['slice', MINI, '--format', 'csv', '--percent', '10', '-o', '/dev/fd/1', '-q'],
    exit: 0,
    changes: ['out.csv'],
    after: dir => assert.match(readFileSync(join(dir, 'out.csv'), 'utf8'), /^path,label/),
  },
  {
    name: '--report /dev/fd/2 writes the report to stderr',
    spawn: true,
    setup: dir => makeDevice(dir, 'null'),
    args: dir => ['slice', MINI, '--format', 'csv', '-o', device(dir, 'null'), '--report', '/dev/fd/2', '-q'],
    exit: 0,
    stderr: /"totals"/,
  },
  {
    name: '-o /dev/full: exit 2, one line, nothing else written',
    setup: dir => makeDevice(dir, 'full'),
    args: dir => ['slice', MINI, '--format', 'csv', '-o', device(dir, 'full'), '--report', join(dir, 'r.json')],
    exit: 2,
    stderr: /^k400-slice: error: cannot write '.*full': no space left on device/,
  },
  {
    name: '--report /dev/full: the manifest it would have joined is put back',
    setup: dir => {
      writeTree(dir, { 'm.csv': 'old\n' });
      makeDevice(dir, 'full');
    },
    args: dir => ['slice', MINI, '-o', join(dir, 'm.csv'), '--report', device(dir, 'full')],
    exit: 2,
    stderr: /no space left on device/,
  },
  {
    name: 'a FIFO is written into, not replaced',
    setup: dir => {
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      spawn('sh', ['-c', 'cat fifo > got.csv'], { cwd: dir, stdio: 'ignore' }).unref();
      waitFor(() => existsSync(join(dir, 'got.csv')));
    },
    args: dir => ['slice', MINI, '--format', 'csv', '--percent', '10', '-o', join(dir, 'fifo'), '-q'],
    exit: 0,
    changes: ['got.csv'],
    after: dir => {
      waitFor(() => readFileSync(join(dir, 'got.csv'), 'utf8').split('\n').length > 15);
      assert.equal(readFileSync(join(dir, 'got.csv'), 'utf8').split('\n').length, 17);
      assert.ok(lstatSync(join(dir, 'fifo')).isFIFO());
    },
  },
  {
    name: 'a symlinked output: the file it points to is replaced, atomically, the link stays',
    setup: dir => {
      writeTree(dir, { 'real/m.csv': 'old\n' });
      symlinkSync('real/m.csv', join(dir, 'link.csv'));
    },
    args: dir => ['slice', MINI, '--percent', '10', '-o', join(dir, 'link.csv'), '-q'],
    exit: 0,
    changes: ['real/m.csv', 'link.csv.meta.json'],
    after: dir => {
      assert.ok(lstatSync(join(dir, 'link.csv')).isSymbolicLink());
      assert.match(readFileSync(join(dir, 'real/m.csv'), 'utf8'), /^path,/);
      assert.deepEqual(readdirSync(join(dir, 'real')), ['m.csv']);
    },
  },
  {
    name: 'a symlinked report: the file it points to is replaced',
    setup: dir => {
      writeTree(dir, { 'r-real.json': '{}\n' });
      symlinkSync('r-real.json', join(dir, 'r.json'));
    },
    args: dir => ['slice', MINI, '--format', 'csv', '-o', '/dev/fd/1', '--report', join(dir, 'r.json'), '-q'],
    spawn: true,
    exit: 0,
    changes: ['r-real.json'],
    after: dir => assert.match(readFileSync(join(dir, 'r-real.json'), 'utf8'), /"totals"/),
  },
  {
    name: 'a dangling symlink as output: the file it names is made',
    setup: dir => symlinkSync('made.csv', join(dir, 'link.csv')),
    args: dir => ['slice', MINI, '--percent', '10', '--no-meta', '-o', join(dir, 'link.csv'), '-q'],
    exit: 0,
    changes: ['made.csv'],
  },
  {
    name: 'a symlink to a folder as output is an error',
    setup: dir => {
      mkdirSync(join(dir, 'folder'));
      symlinkSync('folder', join(dir, 'link.csv'));
    },
    args: dir => ['slice', MINI, '-o', join(dir, 'link.csv')],
    exit: 2,
    stderr: /is a folder/,
  },
  {
    name: 'a loop of symlinks as output is an error',
    setup: dir => {
      symlinkSync('b.csv', join(dir, 'a.csv'));
      symlinkSync('a.csv', join(dir, 'b.csv'));
    },
    args: dir => ['slice', MINI, '-o', join(dir, 'a.csv')],
    exit: 2,
    stderr: /loop of symbolic links/,
  },
  {
    name: 'a 0600 manifest and sidecar stay 0600 when replaced',
    setup: dir => {
      writeTree(dir, { 'm.csv': 'old\n', 'm.csv.meta.json': '{}\n' });
      execFileSync('chmod', ['600', join(dir, 'm.csv'), join(dir, 'm.csv.meta.json')]);
    },
    args: dir => ['slice', MINI, '--percent', '10', '-o', join(dir, 'm.csv'), '-q'],
    exit: 0,
    changes: ['m.csv', 'm.csv.meta.json'],
    after: dir => {
      assert.equal(statSync(join(dir, 'm.csv')).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir, 'm.csv.meta.json')).mode & 0o777, 0o600);
    },
  },
  {
    name: 'a 0640 report stays 0640',
    setup: dir => {
      writeTree(dir, { 'r.json': '{}\n' });
      execFileSync('chmod', ['640', join(dir, 'r.json')]);
    },
    args: dir => ['slice', MINI, '--format', 'csv', '-o', '/dev/fd/1', '--report', join(dir, 'r.json'), '-q'],
    spawn: true,
    exit: 0,
    changes: ['r.json'],
    after: dir => assert.equal(statSync(join(dir, 'r.json')).mode & 0o777, 0o640),
  },
  {
    name: 'an output name of 250 bytes: the temporary name still fits in a folder entry',
    args: dir => ['slice', MINI, '--percent', '10', '--no-meta', '-o', join(dir, `${'n'.repeat(246)}.csv`), '-q'],
    exit: 0,
    changes: [`${'n'.repeat(246)}.csv`],
  },
  {
    name: 'an output that is a folder',
    setup: dir => mkdirSync(join(dir, 'm.csv')),
    args: dir => ['slice', MINI, '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /is a folder/,
  },
  {
    name: 'an output below a file',
    setup: dir => writeTree(dir, { f: 'a file\n' }),
    args: dir => ['slice', MINI, '-o', join(dir, 'f', 'sub', 'm.csv')],
    exit: 2,
    stderr: /output folder '.*f' is not a folder/,
  },
];

const commits: HostileCase[] = [
  {
    name: 'output folders are made when the run commits',
    args: dir => ['slice', MINI, '--percent', '10', '-o', join(dir, 'a/b/m.csv'), '--report', join(dir, 'r/r.json')],
    exit: 0,
    changes: ['a', 'a/b', 'a/b/m.csv', 'a/b/m.csv.meta.json', 'r', 'r/r.json'],
  },
  {
    name: 'no output folder is made when the run fails',
    args: dir => ['slice', MINI, '--classes', 'nope', '-o', join(dir, 'a/b/m.csv'), '--report', join(dir, 'r/r.json')],
    exit: 2,
    stderr: /no class named 'nope'/,
  },
  {
    name: 'run --init into a missing folder, then run it: no mkdir needed',
    setup: async dir => {
      await runMainOk(['run', '--init', join(dir, 'cfg/slices.json'), '-q']);
      const path = join(dir, 'cfg/slices.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"data/k400"', JSON.stringify(MINI)));
    },
    args: dir => ['run', join(dir, 'cfg/slices.json'), '-q'],
    exit: 0,
    changes: [
      'cfg/manifests',
      'cfg/manifests/k400-10pct.csv',
      'cfg/manifests/k400-10pct.csv.meta.json',
      'cfg/manifests/k400-tv-train.csv',
      'cfg/manifests/k400-tv-train.csv.meta.json',
      'cfg/manifests/k400-tv-val.csv',
      'cfg/manifests/k400-tv-val.csv.meta.json',
    ],
  },
  {
    name: '--splits with {split} in a folder: each expanded folder is made',
    args: dir => ['slice', MINI, '--splits', 'a=1,b=1', '--no-meta', '-o', join(dir, 'out/{split}/m.csv'), '-q'],
    exit: 0,
    changes: ['out', 'out/a', 'out/a/m.csv', 'out/b', 'out/b/m.csv'],
  },
  {
    name: '--splits: an expanded output that is a folder is refused before anything is written',
    setup: dir => mkdirSync(join(dir, 'm-b.csv')),
    args: dir => ['slice', MINI, '--splits', 'a=1,b=1', '-o', join(dir, 'm-{split}.csv')],
    exit: 2,
    stderr: /m-b\.csv' is a folder/,
  },
  {
    name: '--shards: the last expanded output below a file is refused',
    setup: dir => writeTree(dir, { '2': 'a file' }),
    args: dir => ['slice', MINI, '--shards', '3', '-o', join(dir, '{shard}/m.csv')],
    exit: 2,
    stderr: /is not a folder/,
  },
  {
    name: '--classes nope with --report: the report is not written (it joins the manifest commit)',
    setup: dir => writeTree(dir, { 'rep.json': 'old report\n' }),
    args: dir => ['slice', MINI, '--classes', 'nope', '--report', join(dir, 'rep.json'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /no class named/,
  },
  {
    name: '--count beyond the eligible with --report: the report is not written',
    setup: dir => writeTree(dir, { 'rep.json': 'old report\n' }),
    args: dir => ['slice', MINI, '--count', '1000', '--report', join(dir, 'rep.json'), '-o', join(dir, 'm.csv')],
    exit: 2,
  },
  {
    name: '--min-duration without --probe and --report: the report is not written',
    setup: dir => writeTree(dir, { 'rep.json': 'old report\n' }),
    args: dir => ['slice', MINI, '--min-duration', '5', '--report', join(dir, 'rep.json')],
    exit: 2,
    stderr: /needs the clips' headers probed/,
  },
  {
    name: '--strict findings: the report is written, then exit 2, no manifest',
    setup: dir => writeTree(dir, { 'm.csv': 'old\n' }),
    args: dir => ['slice', CVDF, '--strict', '--report', join(dir, 'rep.json'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--strict: the source has/,
    changes: ['rep.json'],
    after: dir => assert.match(readFileSync(join(dir, 'rep.json'), 'utf8'), /"missing": 5/),
  },
  {
    name: 'run with --strict findings behaves as slice: the report, then exit 2, no manifest',
    setup: dir => config(dir, { source: CVDF, slices: { a: { strict: true, report: 'rep.json', output: 'm/a.csv' } } }),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /slices\.a: strict: the source has/,
    changes: ['rep.json'],
  },
  {
    name: 'run: a later slice that fails writes no report of an earlier one',
    setup: dir =>
      config(dir, {
        source: MINI,
        slices: {
          a: { percent: 10, report: 'rep.json', output: 'a.csv' },
          b: { classes: ['nope'], output: 'b.csv' },
        },
      }),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /nope/,
  },
];

if (chattrWorks) {
  commits.push(
    {
      name: 'chattr +i on the sidecar: exit 2 and the manifest is put back (issue 9 reproduction)',
      setup: dir => {
        writeTree(dir, { 'm.csv': 'old\n', 'm.csv.meta.json': '{}\n' });
        immutable(join(dir, 'm.csv.meta.json'));
      },
      args: dir => ['slice', MINI, '--percent', '10', '-o', join(dir, 'm.csv')],
      exit: 2,
      stderr: /cannot write '.*m\.csv\.meta\.json': operation not permitted/,
      after: dir => mutable(join(dir, 'm.csv.meta.json')),
    },
    {
      name: 'chattr +i on the report: the manifest and sidecar are put back',
      setup: dir => {
        writeTree(dir, { 'm.csv': 'old\n', 'm.csv.meta.json': '{}\n', 'r.json': '{}\n' });
        immutable(join(dir, 'r.json'));
      },
      args: dir => ['slice', MINI, '-o', join(dir, 'm.csv'), '--report', join(dir, 'r.json')],
      exit: 2,
      stderr: /operation not permitted/,
      after: dir => mutable(join(dir, 'r.json')),
    },
    {
      name: 'chattr +i on one shard: the other shards are put back',
      setup: dir => {
        writeTree(dir, { 'm-0.csv': '0\n', 'm-1.csv': '1\n', 'm-2.csv': '2\n' });
        immutable(join(dir, 'm-1.csv'));
      },
      args: dir => ['slice', MINI, '--shards', '3', '--no-meta', '-o', join(dir, 'm-{shard}.csv')],
      exit: 2,
      after: dir => mutable(join(dir, 'm-1.csv')),
    },
    {
      name: 'chattr +i on the output of the last slice of a run: every slice is put back',
      setup: dir => {
        writeTree(dir, { 'a.csv': 'a\n', 'b.csv': 'b\n' });
        config(dir, { source: MINI, meta: false, slices: { a: { output: 'a.csv' }, b: { output: 'b.csv' } } });
        immutable(join(dir, 'b.csv'));
      },
      args: dir => ['run', join(dir, 'slices.json')],
      exit: 2,
      after: dir => mutable(join(dir, 'b.csv')),
    },
    {
      name: 'chattr +i on the output folder: no temporary file can be made, nothing changes',
      setup: dir => {
        writeTree(dir, { 'out/m.csv': 'old\n' });
        immutable(join(dir, 'out'));
      },
      args: dir => ['slice', MINI, '-o', join(dir, 'out/m.csv')],
      exit: 2,
      after: dir => mutable(join(dir, 'out')),
    },
  );
}

const ownInputs: HostileCase[] = [
  {
    name: 'slice i.jsonl -o i.jsonl',
    setup: index,
    args: dir => ['slice', join(dir, 'i.jsonl'), '--format', 'csv', '-o', join(dir, 'i.jsonl')],
    exit: 2,
    stderr: /is the source '.*i\.jsonl', which this run reads/,
  },
  {
    name: 'the index under another spelling (sub/../i.jsonl)',
    setup: async dir => {
      await index(dir);
      mkdirSync(join(dir, 'sub'));
    },
    args: dir => ['slice', join(dir, 'i.jsonl'), '--format', 'csv', '-o', join(dir, 'sub', '..', 'i.jsonl')],
    exit: 2,
    stderr: /which this run reads/,
  },
  {
    name: 'the index through a symlink',
    setup: async dir => {
      await index(dir);
      symlinkSync('i.jsonl', join(dir, 'link.csv'));
    },
    args: dir => ['slice', join(dir, 'i.jsonl'), '-o', join(dir, 'link.csv')],
    exit: 2,
    stderr: /which this run reads/,
  },
  {
    name: 'the index through a hard link (same device and inode)',
    setup: async dir => {
      await index(dir);
      linkSync(join(dir, 'i.jsonl'), join(dir, 'hard.csv'));
    },
    args: dir => ['slice', join(dir, 'i.jsonl'), '-o', join(dir, 'hard.csv')],
    exit: 2,
    stderr: /which this run reads/,
  },
  {
    name: '--report onto the index',
    setup: index,
    args: dir => ['slice', join(dir, 'i.jsonl'), '-o', join(dir, 'm.csv'), '--report', join(dir, 'i.jsonl')],
    exit: 2,
    stderr: /which this run reads/,
  },
  {
    name: "-o onto a CVDF root's own annotations",
    setup: dir => void copyOf(CVDF, dir),
    args: dir => ['slice', join(dir, 'root'), '--split', 'val', '-o', join(dir, 'root/annotations/val.csv')],
    exit: 2,
    stderr: /is the annotations .*val\.csv', which this run reads/,
  },
  {
    name: '--annotations a.csv -o a.csv',
    setup: dir => writeTree(dir, { 'a.csv': readFileSync(join(CVDF, 'annotations/val.csv'), 'utf8') }),
    args: dir => ['slice', join(CVDF, 'val'), '--annotations', join(dir, 'a.csv'), '-o', join(dir, 'a.csv')],
    exit: 2,
    stderr: /which this run reads/,
  },
  {
    name: '--ids-file ids.txt -o ids.txt',
    setup: dir => writeTree(dir, { 'ids.txt': '-nn33CR_flL\n' }),
    args: dir => ['slice', MINI, '--ids-file', join(dir, 'ids.txt'), '--format', 'csv', '-o', join(dir, 'ids.txt')],
    exit: 2,
    stderr: /is the --ids-file/,
  },
  {
    name: '--exclude-ids-file x.txt --report x.txt',
    setup: dir => writeTree(dir, { 'x.txt': '-nn33CR_flL\n' }),
    args: dir => ['slice', MINI, '--exclude-ids-file', join(dir, 'x.txt'), '--report', join(dir, 'x.txt')],
    exit: 2,
    stderr: /is the --exclude-ids-file/,
  },
  {
    name: '--classes-file c.txt -o c.txt',
    setup: dir => writeTree(dir, { 'c.txt': 'abseiling\n' }),
    args: dir => ['slice', MINI, '--classes-file', join(dir, 'c.txt'), '--format', 'csv', '-o', join(dir, 'c.txt')],
    exit: 2,
    stderr: /is the --classes-file/,
  },
  {
    name: '--exclude-classes-file c.txt, the sidecar onto it',
    setup: dir => writeTree(dir, { 'm.csv.meta.json': 'abseiling\n' }),
    args: dir => ['slice', MINI, '--exclude-classes-file', join(dir, 'm.csv.meta.json'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /is the --exclude-classes-file/,
  },
  {
    name: '--label-map map.txt -o map.txt',
    setup: dir => writeTree(dir, { 'map.txt': 'abseiling\n' }),
    args: dir => [
      'slice',
      MINI,
      '--classes',
      'abseiling',
      '--label-map',
      join(dir, 'map.txt'),
      '--format',
      'csv',
      '-o',
      join(dir, 'map.txt'),
    ],
    exit: 2,
    stderr: /which this run reads/,
  },
  {
    name: '-o onto a clip of the dataset',
    setup: dir => void copyOf(MINI, dir),
    args: dir => [
      'slice',
      join(dir, 'root'),
      '--format',
      'csv',
      '-o',
      join(dir, 'root/val/abseiling/-nn33CR_flL_000000_000010.mp4'),
    ],
    exit: 2,
    stderr: /is a clip of the dataset/,
  },
  {
    name: 'a run config that writes itself',
    setup: dir => config(dir, { source: MINI, slices: { a: { format: 'csv', output: 'slices.json' } } }),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /is the config/,
  },
  {
    name: 'a run config: m/x.csv and $PWD/m/x.csv in two slices',
    fromFolder: true,
    setup: dir =>
      config(dir, { source: MINI, slices: { a: { output: 'm/x.csv' }, b: { output: join(dir, 'm/x.csv') } } }),
    args: () => ['run', 'slices.json'],
    exit: 2,
    stderr: /slices\.a and slices\.b both write/,
  },
  {
    name: '-o out/r.csv --report ./out/r.csv',
    setup: dir => mkdirSync(join(dir, 'out')),
    args: dir => ['slice', MINI, '-o', join(dir, 'out/r.csv'), '--report', `${dir}/out/./r.csv`],
    exit: 2,
    stderr: /are the same file/,
  },
  {
    name: '--report onto the sidecar of -o',
    args: dir => ['slice', MINI, '-o', join(dir, 'm.csv'), '--report', join(dir, 'm.csv.meta.json')],
    exit: 2,
    stderr: /would be written twice/,
  },
  {
    name: '--report through a symlink onto the manifest',
    setup: dir => {
      writeTree(dir, { 'm.csv': 'old\n' });
      symlinkSync('m.csv', join(dir, 'r.json'));
    },
    args: dir => ['slice', MINI, '-o', join(dir, 'm.csv'), '--report', join(dir, 'r.json')],
    exit: 2,
    stderr: /are the same file/,
  },
  {
    name: 'scan -o onto its own annotations',
    setup: dir => void copyOf(CVDF, dir),
    args: dir => ['scan', join(dir, 'root'), '-o', join(dir, 'root/annotations/train.csv')],
    exit: 2,
    stderr: /which this run reads/,
  },
  {
    name: '--dry-run refuses an output that is an input too',
    setup: index,
    args: dir => ['slice', join(dir, 'i.jsonl'), '--dry-run', '--format', 'csv', '-o', join(dir, 'i.jsonl')],
    exit: 2,
    stderr: /which this run reads/,
  },
];

const streams: HostileCase[] = [
  {
    name: 'slice -o - > /dev/full: exit 2, one line, no summary',
    spawn: true,
    stdoutTo: '/dev/full',
    args: () => ['slice', MINI],
    exit: 2,
    stderr: /^k400-slice: error: cannot write to stdout: no space left on device \(check where stdout goes\)\n$/,
  },
  {
    name: 'slice -o - --report r.json > /dev/full: the report is not written either',
    spawn: true,
    stdoutTo: '/dev/full',
    args: dir => ['slice', MINI, '--report', join(dir, 'r.json')],
    exit: 2,
    stderr: ONE_LINE,
  },
  {
    name: 'scan > /dev/full',
    spawn: true,
    stdoutTo: '/dev/full',
    args: () => ['scan', MINI],
    exit: 2,
    stderr: ONE_LINE,
  },
  {
    name: 'schema > /dev/full',
    spawn: true,
    stdoutTo: '/dev/full',
    args: () => ['schema'],
    exit: 2,
    stderr: ONE_LINE,
  },
  {
    name: '--help > /dev/full',
    spawn: true,
    stdoutTo: '/dev/full',
    args: () => ['--help'],
    exit: 2,
    stderr: /cannot write to stdout/,
  },
  {
    name: 'slice --dry-run > /dev/full',
    spawn: true,
    stdoutTo: '/dev/full',
    args: dir => ['slice', MINI, '--dry-run', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: ONE_LINE,
  },
];

const numbers: HostileCase[] = [
  {
    name: '--splits with a weight of 400 nines',
    args: dir => ['slice', MINI, '--splits', `a=1,b=${'9'.repeat(400)}`, '-o', join(dir, '{split}.csv')],
    exit: 2,
    stderr: /--splits must be name=weight pairs.*\.\.\. \(402 characters\)/,
  },
  {
    name: '--splits with an exponent',
    args: dir => ['slice', MINI, '--splits', 'a=1e3,b=1', '-o', join(dir, '{split}.csv')],
    exit: 2,
    stderr: /--splits/,
  },
  {
    name: '--splits with Infinity',
    args: dir => ['slice', MINI, '--splits', 'a=Infinity,b=1', '-o', join(dir, '{split}.csv')],
    exit: 2,
    stderr: /--splits/,
  },
  {
    name: '--splits with a weight above a million',
    args: dir => ['slice', MINI, '--splits', 'a=1000001,b=1', '-o', join(dir, '{split}.csv')],
    exit: 2,
    stderr: /at most 1000000/,
  },
  {
    name: '--splits with seven decimals',
    args: dir => ['slice', MINI, '--splits', 'a=0.0000001,b=1', '-o', join(dir, '{split}.csv')],
    exit: 2,
    stderr: /--splits/,
  },
  {
    name: '--splits with an empty weight',
    args: dir => ['slice', MINI, '--splits', 'a=,b=1', '-o', join(dir, '{split}.csv')],
    exit: 2,
    stderr: /--splits/,
  },
  {
    name: 'a run config with a weight of 1e400 (Infinity in JSON)',
    setup: dir =>
      writeFileSync(
        join(dir, 'slices.json'),
        `{"source": ${JSON.stringify(MINI)}, "slices": {"a": {"splits": {"x": 1e400, "y": 1}, "output": ` +
          `"{split}.csv"}}}`,
      ),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /splits/,
  },
  {
    name: 'a weight of a million is still fine',
    args: dir => ['slice', MINI, '--splits', 'a=1000000,b=0.000001', '--no-meta', '-o', join(dir, '{split}.csv'), '-q'],
    exit: 0,
    changes: ['a.csv', 'b.csv'],
  },
];

const oneLine: HostileCase[] = [
  {
    name: 'a class name with a newline and an escape sequence',
    args: () => ['slice', MINI, '--classes', 'no\nsuch\u001b[31mred'],
    exit: 2,
    stderr: /no class named 'no\\nsuch\\x1b\[31mred'/,
  },
  {
    name: 'an output folder name with a newline and a carriage return',
    setup: dir => writeTree(dir, { 'a\nb\rc': 'a file' }),
    args: dir => ['slice', MINI, '-o', join(dir, 'a\nb\rc', 'm.csv')],
    exit: 2,
    stderr: /a\\nb\\rc' is not a folder/,
  },
  {
    name: 'a root with a newline in its name',
    args: dir => ['slice', join(dir, 'no\nroot')],
    exit: 2,
    stderr: /no\\nroot/,
  },
  {
    name: 'a number with a newline',
    args: () => ['slice', MINI, '--per-class', '5\n6'],
    exit: 2,
    stderr: /5\\n6/,
  },
  {
    name: 'an unknown option with a tab and a bell',
    args: () => ['slice', MINI, '--nope\t\u0007'],
    exit: 2,
    stderr: /--nope\\t\\x07/,
  },
  {
    name: 'a Unicode line separator in a class name',
    args: () => ['slice', MINI, '--classes', 'a\u2028b'],
    exit: 2,
    stderr: /a\\u2028b/,
  },
  {
    name: 'a run config path with a newline',
    args: dir => ['run', join(dir, 'x\ny.json')],
    exit: 2,
    stderr: /x\\ny\.json/,
  },
  {
    name: 'a config slice name with control characters',
    setup: dir => config(dir, { source: MINI, slices: { 'a\u001b[2J': { output: 'm.csv', percent: 'x' } } }),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /a\\x1b\[2J/,
  },
];

const dryRuns: HostileCase[] = [
  {
    name: 'slice --dry-run writes nothing and says what would change',
    setup: dir => writeTree(dir, { 'm.csv': 'old\n' }),
    args: dir => [
      'slice',
      MINI,
      '--percent',
      '10',
      '--dry-run',
      '-o',
      join(dir, 'm.csv'),
      '--report',
      join(dir, 'n/r.json'),
    ],
    exit: 0,
    stdout:
      /m\.csv: changed, 15 clips in 6 classes, [\d,]+ bytes\n.*m\.csv\.meta\.json: new, [\d,]+ bytes\n.*r\.json: new/,
  },
  {
    name: 'slice --dry-run after the same slice was written: unchanged',
    setup: async dir => {
      await runMainOk(['slice', MINI, '--percent', '10', '-o', join(dir, 'm.csv'), '-q']);
    },
    args: dir => ['slice', MINI, '--percent', '10', '--dry-run', '-o', join(dir, 'm.csv')],
    exit: 0,
    stdout: /m\.csv: unchanged, 15 clips in 6 classes, [\d,]+ bytes\n.*m\.csv\.meta\.json: unchanged/,
    stderr: /dry run: nothing written/,
  },
  {
    name: 'slice --dry-run to stdout and a device',
    setup: dir => makeDevice(dir, 'null'),
    args: dir => ['slice', MINI, '--count', '5', '--dry-run', '--report', device(dir, 'null')],
    exit: 0,
    stdout: /^stdout: 5 clips in \d classes, [\d,]+ bytes\n.*null: in place, [\d,]+ bytes\n$/,
  },
  {
    name: 'run --dry-run writes nothing, not even folders',
    setup: dir => config(dir, { source: MINI, slices: { a: { percent: 10, output: 'deep/a.csv' } } }),
    args: dir => ['run', join(dir, 'slices.json'), '--dry-run'],
    exit: 0,
    stdout: /^a: .*deep\/a\.csv: new, 15 clips in 6 classes/,
  },
];

hostileSuite('hostile outputs: devices, FIFOs, symlinks, modes', nonRegular);
hostileSuite('hostile outputs: one commit, folders made at commit, the report in it', commits);
hostileSuite('hostile outputs: outputs that are inputs, one file under two names', ownInputs);
hostileSuite('hostile outputs: stdout failures', streams);
hostileSuite('hostile outputs: numbers and templates', numbers);
hostileSuite('hostile outputs: errors are one line', oneLine);
hostileSuite('hostile outputs: --dry-run', dryRuns);
