import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError, UsageError } from '../../src/errors.js';
import { writeAllOrNothing } from '../../src/write/atomic.js';
import { type CommitFs, nodeCommitFs } from '../../src/write/commit-fs.js';
import { resolveTarget } from '../../src/write/output-target.js';
import { abandonStaged } from '../../src/write/temp-files.js';
import { snapshotTree } from '../helpers/hostile.js';
import { tempDir } from '../helpers/temp.js';

/** The real filesystem, with the `n`th call of one kind failing as a full disk or a refused rename would. */
function failing(kind: 'renameSync' | 'writeSync' | 'linkSync' | 'mkdirSync', n: number, code = 'EIO'): CommitFs {
  let calls = 0;
  const fail = (): void => {
    calls += 1;
    if (calls === n) throw Object.assign(new Error(`${code}: injected`), { code });
  };
  return {
    ...nodeCommitFs,
    [kind]: (...args: unknown[]) => {
      fail();
      return (nodeCommitFs[kind] as (...a: unknown[]) => unknown)(...args);
    },
  };
}

/** Two old outputs, a new one in a folder that does not exist yet, and a report. */
function project(dir: string) {
  writeFileSync(join(dir, 'm.csv'), 'old manifest\n');
  writeFileSync(join(dir, 'm.csv.meta.json'), '{"old": true}\n');
  return [
    { path: join(dir, 'm.csv'), content: 'new manifest\n' },
    { path: join(dir, 'm.csv.meta.json'), content: '{"new": true}\n' },
    { path: join(dir, 'parts', 'deep', 'b.csv'), content: 'b\n' },
    { path: join(dir, 'report.json'), content: '{}\n' },
  ];
}

describe('one commit for every output', () => {
  for (const n of [1, 2, 3, 4]) {
    it(`a failure of rename ${n} of 4 leaves every file as it was, and no temporary file or new folder`, async () => {
      const dir = tempDir();
      const files = project(dir);
      const before = snapshotTree(dir);
      await assert.rejects(writeAllOrNothing(files, { fs: failing('renameSync', n) }), (e: unknown) => {
        assert.ok(e instanceof DatasetError);
        assert.match(e.message, /^cannot write '.*': input\/output error$/);
        return true;
      });
      assert.deepEqual(snapshotTree(dir), before);
    });
  }

  for (const n of [1, 3]) {
    it(`a full disk at write ${n} changes nothing`, async () => {
      const dir = tempDir();
      const files = project(dir);
      const before = snapshotTree(dir);
      await assert.rejects(writeAllOrNothing(files, { fs: failing('writeSync', n, 'ENOSPC') }), /no space left/);
      assert.deepEqual(snapshotTree(dir), before);
    });
  }

  it('keeps the old file as a copy where hard links are refused, and still puts it back', async () => {
    const dir = tempDir();
    const files = project(dir);
    const before = snapshotTree(dir);
    const fs: CommitFs = {
      ...failing('renameSync', 2),
      linkSync: () => {
        throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      },
    };
    await assert.rejects(writeAllOrNothing(files, { fs }), DatasetError);
    assert.deepEqual(snapshotTree(dir), before);
  });

  it('writes them all when nothing fails, and removes its backups', async () => {
    const dir = tempDir();
    const files = project(dir);
    const outcome = await writeAllOrNothing(files);
    assert.equal(outcome.written.length, 4);
    for (const file of files) assert.equal(readFileSync(file.path, 'utf8'), file.content);
    assert.deepEqual(readdirSync(dir).sort(), ['m.csv', 'm.csv.meta.json', 'parts', 'report.json']);
  });

  it('a signal while staging (abandonStaged) removes the staged files; the old outputs stay', async () => {
    const dir = tempDir();
    const files = project(dir);
    const before = snapshotTree(dir);
    let seen: string[] = [];
    const fs: CommitFs = {
      ...nodeCommitFs,
      writeSync: (fd, buffer, offset, length) => {
        const wrote = nodeCommitFs.writeSync(fd, buffer, offset, length);
        if (seen.length === 0) {
          abandonStaged(); // what cli.ts's SIGINT handler does before it exits
          seen = readdirSync(dir);
        }
        return wrote;
      },
    };
    await assert.rejects(writeAllOrNothing(files, { fs }));
    assert.deepEqual(seen.sort(), ['m.csv', 'm.csv.meta.json']);
    assert.deepEqual(snapshotTree(dir), before);
  });
});

describe('what an output is', () => {
  it('a replaced file keeps its mode, and (as root) its owner', async () => {
    const dir = tempDir();
    const path = join(dir, 'm.csv');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o600);
    const root = process.getuid?.() === 0;
    if (root) chownSync(path, 4242, 4343);
    await writeAllOrNothing([{ path, content: 'new\n' }]);
    const stats = statSync(path);
    assert.equal(stats.mode & 0o777, 0o600);
    if (root) assert.deepEqual([stats.uid, stats.gid], [4242, 4343]);
    assert.equal(readFileSync(path, 'utf8'), 'new\n');
  });

  it('a symlinked output: the file it points to is replaced (through a chain), the links stay', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'm.csv'), 'old\n');
    symlinkSync('real/m.csv', join(dir, 'one.csv'));
    symlinkSync(join(dir, 'one.csv'), join(dir, 'two.csv'));
    await writeAllOrNothing([{ path: join(dir, 'two.csv'), content: 'new\n' }]);
    assert.equal(readlinkSync(join(dir, 'two.csv')), join(dir, 'one.csv'));
    assert.equal(readlinkSync(join(dir, 'one.csv')), 'real/m.csv');
    assert.equal(readFileSync(join(dir, 'real', 'm.csv'), 'utf8'), 'new\n');
    assert.deepEqual(readdirSync(join(dir, 'real')), ['m.csv']);
  });

  it('a dangling symlink: the file it names is made, the link stays', async () => {
    const dir = tempDir();
    symlinkSync('target.csv', join(dir, 'link.csv'));
    await writeAllOrNothing([{ path: join(dir, 'link.csv'), content: 'x\n' }]);
    assert.ok(lstatSync(join(dir, 'link.csv')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'target.csv'), 'utf8'), 'x\n');
  });

  it('a loop of symbolic links is an error, not a hang', async () => {
    const dir = tempDir();
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    await assert.rejects(writeAllOrNothing([{ path: join(dir, 'a'), content: 'x' }]), /loop of symbolic links/);
  });

  it('a device (/dev/null) is written into and stays a device', async () => {
    // As root, a private node of the same device: a regression must never replace the machine's /dev/null.
    const path = process.getuid?.() === 0 ? join(tempDir(), 'null') : '/dev/null';
    if (path !== '/dev/null') execFileSync('mknod', ['-m', '666', path, 'c', '1', '3']);
    const outcome = await writeAllOrNothing([{ path, content: 'x\n' }]);
    assert.deepEqual(outcome.written, [path]);
    assert.ok(statSync(path).isCharacterDevice());
  });

  it('/dev/stdout and /dev/stderr are the descriptors the shell opened, never reopened or renamed over', () => {
    for (const [path, fd] of [
      ['/dev/stdout', 1],
      ['/dev/fd/1', 1],
      ['/proc/self/fd/1', 1],
      ['/dev/stderr', 2],
      ['/dev/fd/2', 2],
    ] as const)
      assert.deepEqual(
        { ...resolveTarget(path), existing: undefined },
        { given: path, path, straight: true, fd, existing: undefined },
      );
  });

  it('a FIFO is written into, not replaced', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (chunk: Buffer) => {
      got += chunk.toString();
    });
    const closed = new Promise(done => reader.on('close', done));
    await writeAllOrNothing([{ path: fifo, content: 'through the pipe\n' }]);
    await closed;
    assert.equal(got, 'through the pipe\n');
    assert.ok(lstatSync(fifo).isFIFO());
  });

  it('a temporary file left by a killed run is removed by the next run to that output, nothing else', async () => {
    const dir = tempDir();
    writeTree(dir);
    await writeAllOrNothing([{ path: join(dir, 'm.csv'), content: 'x\n' }]);
    assert.deepEqual(readdirSync(dir).sort(), [
      '.m.csv.k400-slice-notours.tmp',
      '.other.csv.k400-slice-0123456789ab.tmp',
      'm.csv',
    ]);
  });

  it('two names of one file are refused before anything is written', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    symlinkSync('out', join(dir, 'alias'));
    const files = [
      { path: join(dir, 'out', 'r.csv'), content: 'a' },
      { path: join(dir, 'alias', '.', 'r.csv'), content: 'b' },
    ];
    await assert.rejects(
      writeAllOrNothing(files),
      (e: unknown) => e instanceof UsageError && /same file/.test(e.message),
    );
    assert.deepEqual(readdirSync(join(dir, 'out')), []);
  });

  it('an output that is an input, under another name, is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.jsonl'), 'precious\n');
    symlinkSync('index.jsonl', join(dir, 'alias.jsonl'));
    await assert.rejects(
      writeAllOrNothing([{ path: join(dir, 'alias.jsonl'), content: 'x' }], {
        inputs: [{ path: join(dir, '.', 'index.jsonl'), what: 'the source' }],
      }),
      /is the source .* which this run reads/,
    );
    assert.equal(readFileSync(join(dir, 'index.jsonl'), 'utf8'), 'precious\n');
    assert.equal(existsSync(join(dir, 'index.jsonl')), true);
  });
});

function writeTree(dir: string): void {
  writeFileSync(join(dir, '.m.csv.k400-slice-0123456789ab.tmp'), 'left by kill -9');
  writeFileSync(join(dir, '.m.csv.k400-slice-ba9876543210.old'), 'left by kill -9');
  writeFileSync(join(dir, '.m.csv.k400-slice-notours.tmp'), 'not a name we make');
  writeFileSync(join(dir, '.other.csv.k400-slice-0123456789ab.tmp'), 'another output');
}
