import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { clockText, renderProgress } from '../../src/report/progress-bar.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { runCli } from './run-in-process.js';

const MINI = fixture('kinetics-mini');
const COLOUR = /\x1b\[(3\d|2|0)m/;

/** A clock that moves a second each time it is read: every update is drawn and rates are round. */
function fakeClock(): () => number {
  let t = 0;
  return () => {
    t += 1000;
    return t;
  };
}

const tty = { stderrIsTTY: true, now: fakeClock() };

describe('progress bar', () => {
  it('shows count, rate and ETA once the total is known', () => {
    const line = renderProgress({
      label: 'scanning',
      count: 4500,
      countUnit: 'files',
      done: 100,
      total: 400,
      totalUnit: 'folders',
      elapsedMs: 3000,
      color: false,
    });
    assert.equal(
      line,
      `scanning ${'█'.repeat(6)}${'░'.repeat(18)} 100/400 folders  4,500 files  1,500 files/s  ETA 0:09`,
    );
  });

  it('shows the count alone while the total is unknown, and no rate in the first moment', () => {
    const line = renderProgress({ label: 'scanning', count: 12, countUnit: 'files', elapsedMs: 100, color: true });
    assert.equal(line, 'scanning: 12 files');
  });

  it('writes the time left as m:ss or h:mm:ss', () => {
    assert.equal(clockText(9), '0:09');
    assert.equal(clockText(754), '12:34');
    assert.equal(clockText(3723), '1:02:03');
  });

  it('draws in colour on a terminal, plain under NO_COLOR, never on a pipe or with --quiet', async () => {
    const coloured = await runCli(['slice', MINI, '--count', '3', '--threads', '1'], { ...tty, now: fakeClock() });
    assert.match(coloured.stderr, /^\r\x1b\[Kscanning \x1b\[32m/);
    assert.match(coloured.stderr, /\d+\/12 folders {2}\d+ files {2}\d+ files\/s {2}ETA \d+:\d\d/);
    const plain = await runCli(['slice', MINI, '--count', '3'], { ...tty, now: fakeClock(), color: false });
    assert.match(plain.stderr, /^\r\x1b\[Kscanning [█░]+ \d+\/12 folders/);
    assert.doesNotMatch(plain.stderr, COLOUR);
    const pipe = await runCli(['slice', MINI, '--count', '3'], { now: fakeClock() });
    assert.ok(!pipe.stderr.includes('\r'));
    const quiet = await runCli(['slice', MINI, '--count', '3', '--quiet'], { ...tty, now: fakeClock() });
    assert.equal(quiet.stderr, '');
  });

  it('says probing when the scan reads headers', async () => {
    const run = await runCli(['slice', MINI, '--count', '3', '--probe'], { ...tty, now: fakeClock(), color: false });
    assert.match(run.stderr, /^\r\x1b\[Kprobing [█░]+ \d+\/12 folders/);
  });

  it('counts rows in verify and files in materialize, and erases the line before the summary', async () => {
    const dir = tempDir();
    const manifest = join(dir, 'm.csv');
    assert.equal((await runCli(['slice', MINI, '--count', '5', '-o', manifest, '-q'])).status, 0);
    const clock = { ...tty, now: fakeClock(), color: false };
    const verify = await runCli(['verify', manifest, '--root', MINI], clock);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(
      verify.stderr,
      /\r\x1b\[Kverifying [█░]+ 4\/5 rows {2}\d+ rows\/s {2}ETA 0:01\r\x1b\[Kk400-slice: 5 rows/,
    );
    const built = await runCli(['materialize', manifest, join(dir, 'dest'), '--root', MINI], clock);
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stderr, /\r\x1b\[Kmaterializing [█░]+ 0\/5 files/);
    assert.match(built.stderr, /\r\x1b\[Kk400-slice: /);
  });
});
