import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapeControls, main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { k400 } from '../helpers/exec.js';
import { runMain } from '../helpers/in-process.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

function fakeIo(stdout: (text: string) => void): Io & { err: () => string } {
  let stderr = '';
  return {
    stdout,
    stderr: text => {
      stderr += text;
    },
    stderrIsTTY: false,
    cwd: process.cwd(),
    err: () => stderr,
  };
}

describe('exit codes', () => {
  it('70: a plain Error from a command is an internal error, with its stack', async () => {
    const io = fakeIo(() => {
      throw new Error('a bug in a writer');
    });
    const status = await main(['schema'], io);
    assert.equal(status, 70);
    assert.match(io.err(), /^k400-slice: internal error, please report it:\nError: a bug in a writer\n\s+at /);
  });

  it('a failed stdout (flush rejects) is exit 2 with one line, not 70', async () => {
    const io = {
      ...fakeIo(() => undefined),
      flush: async () => {
        const { DatasetError } = await import('../../src/errors.js');
        throw new DatasetError('cannot write to stdout: no space left on device', 'check where stdout goes');
      },
    };
    assert.equal(await main(['schema'], io), 2);
    assert.equal(
      io.err(),
      'k400-slice: error: cannot write to stdout: no space left on device (check where stdout goes)\n',
    );
  });

  it('--help lists every exit code, 70 and the signals included', async () => {
    const help = k400(['--help']);
    assert.equal(help.status, 0);
    assert.match(
      help.stdout,
      /Exit codes: 0 done; 1 .*; 2 usage or input error;\n\s+70 internal error.*130\/143 interrupted/,
    );
    // The bin's own --help above; the commands' in-process.
    for (const command of ['slice', 'run'])
      assert.match((await runMain([command, '--help'])).stdout, /70 internal error/);
  });

  /** 10 classes of 150 files with long names: enough manifest for the reader to close the pipe before its end. */
  function longNamedTree(root: string): string {
    for (let c = 0; c < 10; c++) {
      mkdirSync(join(root, `class ${c}`), { recursive: true });
      for (let i = 0; i < 150; i++) writeFileSync(join(root, `class ${c}`, `c${c}-${i}-${'y'.repeat(80)}.mp4`), 'v');
    }
    return root;
  }

  /** Runs the bin with its stdout read until the first chunk and then closed, as `| head -1` does. */
  async function closedPipe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: unknown; stderr: string }> {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise(done => child.on('close', done));
    return { status, stderr };
  }

  it('a closed pipe (| head) is a quiet exit 0', async () => {
    const { status, stderr } = await closedPipe(['slice', longNamedTree(tempDir()), '--format', 'jsonl']);
    assert.equal(status, 0, stderr);
    assert.equal(stderr, '');
  });

  // The early DuckDB of a Parquet index, not taken by --engine js, was still open when the pipe closed: its spill
  // folder stayed in the temp folder.
  it('a closed pipe leaves nothing in the temp folder, the early DuckDB of a Parquet index included', async () => {
    const dir = tempDir();
    const index = join(dir, 'i.parquet');
    assert.equal((await runMain(['scan', longNamedTree(join(dir, 'tree')), '-o', index, '-q'])).status, 0);
    const temp = join(dir, 'temp');
    mkdirSync(temp);
    const args = ['slice', index, '--engine', 'js', '--format', 'jsonl'];
    const { status, stderr } = await closedPipe(args, { TMPDIR: temp });
    assert.equal(status, 0, stderr);
    assert.deepEqual(readdirSync(temp), []);
  });
});

describe('one-line errors', () => {
  it('escapes newlines, carriage returns, tabs, C0 and C1 controls, DEL and line separators', () => {
    assert.equal(escapeControls('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(escapeControls('\u0000\u001b[31m\u007f\u0085'), '\\x00\\x1b[31m\\x7f\\x85');
    assert.equal(escapeControls('x\u2028y\u2029z'), 'x\\u2028y\\u2029z');
    assert.equal(escapeControls('playing pétanque, 日本'), 'playing pétanque, 日本');
  });
});
