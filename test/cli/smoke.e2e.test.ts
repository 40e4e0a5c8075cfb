import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, fixture, PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

// The few things only a real process shows: the bin shim and its shebang, the exit status the shell sees,
// the process's own folder, and stdin. Everything else about the commands is tested in-process (main()).

const GOLDEN = fixture('golden', 'kinetics-mini-percent-50-seed-1.csv');
const env = { ...process.env, NO_COLOR: '1' };

describe('the real bin (smoke)', () => {
  it('runs by its shebang, as npm links it, from any folder: --version prints package.json version', () => {
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = spawnSync(BIN, ['--version'], { cwd: tempDir(), encoding: 'utf8', env });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
    assert.equal(run.stderr, '');
  });

  it('reads and writes relative paths from the folder it is started in, as `npx k400-slice` does', () => {
    const dir = tempDir();
    const root = relative(dir, fixture('kinetics-mini'));
    const run = spawnSync(process.execPath, [BIN, 'slice', root, '--percent', '50', '--seed', '1', '-o', 'm.csv'], {
      cwd: dir,
      encoding: 'utf8',
      env,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(readFileSync(join(dir, 'm.csv'), 'utf8'), readFileSync(GOLDEN, 'utf8'));
  });

  it('exits 1 when nothing is selected, and 2 on a usage error, with one error line', () => {
    const none = spawnSync(
      process.execPath,
      [BIN, 'slice', fixture('kinetics-mini'), '--classes', 'abseiling', '--exclude-classes', 'abseiling'],
      { encoding: 'utf8', env },
    );
    assert.equal(none.status, 1, none.stderr);
    assert.match(none.stderr, /^k400-slice: error: nothing selected: [^\n]*\n$/);
    const usage = spawnSync(process.execPath, [BIN, 'slice', '--no-such-option'], { encoding: 'utf8', env });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^k400-slice: error: unknown option '--no-such-option'[^\n]*\n$/);
    assert.equal(usage.stdout, '');
  });

  it('neither reads nor waits for stdin: a pipe left open does not hold it up', async () => {
    const child = spawn(process.execPath, [BIN, 'slice', fixture('kinetics-mini'), '--percent', '50', '--seed', '1'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.resume();
    const status = await new Promise(done => child.on('close', done));
    child.stdin.destroy();
    assert.equal(status, 0);
    assert.equal(stdout, readFileSync(GOLDEN, 'utf8'));
  });
});
