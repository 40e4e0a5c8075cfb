import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { SELECTION_RULE } from '../../src/select/clip-key.js';
import { fixture, PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** Runs the CLI in-process with captured streams. */
async function run(args: string[], tty = false): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: t => void (stdout += t),
    stderr: t => void (stderr += t),
    stderrIsTTY: tty,
    cwd: PACKAGE_ROOT,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

const MINI = fixture('kinetics-mini');

describe('cli in-process', () => {
  it('draws a progress bar while scanning, on a terminal only, and erases it', async () => {
    const tty = await run(['slice', MINI, '--count', '3'], true);
    assert.match(tty.stderr, /^\r\x1b\[Kscanning \S*[█░]+\S* \d+\/\d+ folders {2}\d+ files/);
    assert.match(tty.stderr, /\r\x1b\[Kk400-slice: read /);
    const pipe = await run(['slice', MINI, '--count', '3'], false);
    assert.ok(!pipe.stderr.includes('\r'));
    const quiet = await run(['slice', MINI, '--count', '3', '--quiet'], true);
    assert.equal(quiet.stderr, '');
  });

  it('reads --classes-file and --exclude-classes-file, in any spelling, with comments', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'keep.txt'), '# two classes\nair_drumming\nhurling_sport\n');
    writeFileSync(join(dir, 'drop.txt'), 'hurling (sport)\n');
    const result = await run([
      'slice',
      MINI,
      '--classes-file',
      join(dir, 'keep.txt'),
      '--exclude-classes-file',
      join(dir, 'drop.txt'),
      '--format',
      'jsonl',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const labels = new Set(
      result.stdout
        .trimEnd()
        .split('\n')
        .map(line => (JSON.parse(line) as { label: string }).label),
    );
    assert.deepEqual([...labels], ['air drumming']);
  });

  it('--min-per-class raises small classes; --allow-fewer takes everything; --no-meta writes no sidecar', async () => {
    const dir = tempDir();
    const out = join(dir, 'm.csv');
    const result = await run([
      'slice',
      MINI,
      '--split',
      'train',
      '--percent',
      '1',
      '--min-per-class',
      '2',
      '-o',
      out,
      '--no-meta',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n').slice(1);
    // train: 5, 42, 1, 4, 6, 5 clips; 1% rounds to 0 everywhere, so each keeps min(n, 2).
    assert.equal(rows.length, 2 + 2 + 1 + 2 + 2 + 2);
    assert.equal(existsSync(`${out}.meta.json`), false);
    const fewer = await run(['slice', MINI, '--count', '1000', '--allow-fewer']);
    assert.equal(fewer.status, 0);
    assert.equal(fewer.stdout.trimEnd().split('\n').length, 81);
    assert.match(fewer.stderr, /warning: --count 1000: only 80 eligible clips, all taken \(--allow-fewer\)/);
  });

  it('refuses an output whose folder is a file', async () => {
    const result = await run(['slice', MINI, '-o', join(PACKAGE_ROOT, 'package.json', 'm.csv')]);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /^k400-slice: error: output folder '.*package\.json' is not a folder \(choose another -o\)\n$/,
    );
  });

  it('README states the selection rule in the same words as the code', () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    for (const sentence of SELECTION_RULE.text)
      assert.ok(readme.includes(`- ${sentence}\n`), `README lacks: ${sentence}`);
  });
});

describe('cli without a command', () => {
  it('shows the help on stderr and exits 2', async () => {
    const result = await run([]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^Usage: k400-slice \[options\] \[command\]/);
    assert.ok(!result.stderr.includes('k400-slice: error:'), result.stderr);
    assert.equal(result.stdout, '');
  });
});
