import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, lstatSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runMain } from '../helpers/in-process.js';
import { BIN, fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** A class tree big enough that a slice of it takes a while: `classes` folders of `clips` one-byte clips. */
function bigTree(root: string, classes: number, clips: number): void {
  for (let c = 0; c < classes; c++) {
    const folder = join(root, `class ${String(c).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < clips; i++) writeFileSync(join(folder, `clip-${c}-${i}-${'x'.repeat(60)}.mp4`), 'v');
  }
}

interface Interrupted {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/**
 * A module the bin is started with (--import): it says on fd 3 when the CLI has set its signal handlers (SIGTERM is
 * the second), so a test can signal a run that is under way rather than guess how long Node takes to start.
 */
const READY_HOOK = `import { writeSync } from 'node:fs';
const once = process.once;
process.once = function (event, listener) {
  const result = once.call(this, event, listener);
  if (event === 'SIGTERM') writeSync(3, 'ready');
  return result;
};
`;

/** The hook's file, outside the folders the runs write to, kept until the file's tests end. */
const HOOK = join(tempDir(), 'ready-hook.mjs');
writeFileSync(HOOK, READY_HOOK);

/** Runs the bin and sends `signal` when `when` resolves (given a promise that the bin has set its handlers). */
function interrupt(
  args: string[],
  cwd: string,
  signal: NodeJS.Signals,
  when: (ready: Promise<void>) => Promise<void>,
  env: Record<string, string> = {},
): Promise<Interrupted> {
  const child = spawn(process.execPath, ['--import', pathToFileURL(HOOK).href, BIN, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>(done => child.stdio[3]?.once('data', () => done()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  void when(ready).then(() => child.kill(signal));
  return new Promise(done => child.on('close', (status, sig) => done({ status, signal: sig, stderr })));
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter(name => name.includes('.k400-slice-'));

const sleep = (ms: number): Promise<void> => new Promise(done => setTimeout(done, ms));

describe('signals', () => {
  const dir = tempDir();
  const root = join(dir, 'root');
  bigTree(root, 20, 400);

  it('SIGINT while scanning: exit 130, the old manifest is intact, nothing else is made', async () => {
    // The signal goes once the handlers are set (a signal before main() runs kills it outright, which changes
    // nothing either), sooner each time the run ended first, until it lands while the run is under way.
    let delay = 20;
    let caught = false;
    for (let attempt = 0; attempt < 6 && !caught; attempt++) {
      const out = join(dir, `scan-case-${attempt}`);
      mkdirSync(out);
      writeFileSync(join(out, 'm.csv'), 'old\n');
      const wait = delay;
      const run = await interrupt(['slice', root, '-o', join(out, 'm.csv')], out, 'SIGINT', async ready => {
        await ready;
        await sleep(wait);
      });
      if (run.status === 0) {
        delay /= 2;
        continue;
      }
      caught = run.status === 130;
      delay *= 2;
      if (!caught) {
        // Killed before main() ran, or after the commit while exiting: the old file or the whole new one.
        assert.equal(run.signal, 'SIGINT', run.stderr);
        const text = readFileSync(join(out, 'm.csv'), 'utf8');
        assert.ok(text === 'old\n' || text.startsWith('path,label,'), text.slice(0, 200));
        assert.deepEqual(leftovers(out), []);
        continue;
      }
      assert.equal(readFileSync(join(out, 'm.csv'), 'utf8'), 'old\n');
      assert.deepEqual(readdirSync(out), ['m.csv']);
    }
    assert.ok(caught, 'never exited 130');
  });

  it('SIGTERM while the outputs are staged: exit 143, old outputs intact, no temporary file remains', async () => {
    let caught = 0;
    for (let attempt = 0; attempt < 4 && caught === 0; attempt++) {
      const out = join(dir, `stage-case-${attempt}`);
      mkdirSync(out);
      writeFileSync(join(out, 'm-00.json'), 'old\n');
      // The signal goes as soon as the first temporary file appears: the run is then staging its 64 shards.
      const watcher = watch(out);
      const staged = new Promise<void>(done =>
        watcher.on('change', (_, name) => {
          if (String(name).includes('.k400-slice-')) done();
        }),
      );
      const run = await interrupt(
        ['slice', root, '--shards', '64', '-o', join(out, 'm-{shard}.json')],
        out,
        'SIGTERM',
        () => staged,
      );
      watcher.close();
      assert.deepEqual(leftovers(out), [], 'no temporary file remains');
      if (run.status === 143) {
        caught += 1;
        assert.deepEqual(readdirSync(out), ['m-00.json'], 'nothing is made, the old output stays');
        assert.equal(readFileSync(join(out, 'm-00.json'), 'utf8'), 'old\n');
      } else {
        // The signal came after the commit, or as the process exited after it, which it then ends (as in the SIGINT
        // case above): every output is complete.
        const after = run.status === 0 || (run.status === null && run.signal === 'SIGTERM');
        assert.ok(after, `exit ${run.status}, signal ${run.signal}\n${run.stderr}`);
        assert.equal(readdirSync(out).filter(name => /^m-\d\d\.json$/.test(name)).length, 64);
        assert.match(readFileSync(join(out, 'm-00.json'), 'utf8'), /^\{"provenance"/);
      }
    }
    assert.ok(caught > 0, 'the signal never landed while staging');
  });

  it('SIGTERM while a FIFO output waits for its reader: exit 143, the FIFO stays, nothing is made', async () => {
    const out = join(dir, 'fifo-case');
    mkdirSync(out);
    const fifo = join(out, 'm.csv');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    // Nothing ever reads the FIFO: the run waits for a reader, and the signal must still end it (a blocking open
    // of the FIFO let no signal through, and the run hung until SIGKILL).
    const child = spawn(process.execPath, [BIN, 'slice', fixture('kinetics-mini'), '-o', fifo], {
      cwd: out,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const closed = new Promise<number | null>(done => child.on('close', status => done(status)));
    await sleep(1500);
    child.kill('SIGTERM');
    const status = await Promise.race([closed, sleep(5000).then(() => 'hung' as const)]);
    if (status === 'hung') child.kill('SIGKILL');
    assert.equal(status, 143);
    assert.ok(lstatSync(fifo).isFIFO());
    assert.deepEqual(readdirSync(out), ['m.csv']);
  });

  it('a FIFO output whose reader comes late gets the whole manifest', async () => {
    const out = join(dir, 'fifo-late-case');
    mkdirSync(out);
    const fifo = join(out, 'm.csv');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const child = spawn(
      process.execPath,
      [BIN, 'slice', fixture('kinetics-mini'), '--percent', '50', '--seed', '1', '-o', fifo, '-q'],
      {
        cwd: out,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const closed = new Promise<number | null>(done => child.on('close', status => done(status)));
    await sleep(300);
    const text = await new Promise<string>((done, fail) => {
      let read = '';
      createReadStream(fifo, 'utf8')
        .on('data', chunk => {
          read += chunk;
        })
        .on('end', () => done(read))
        .on('error', fail);
    });
    assert.equal(await closed, 0);
    assert.equal(text, readFileSync(fixture('golden', 'kinetics-mini-percent-50-seed-1.csv'), 'utf8'));
  });

  it('a temporary file left by a SIGKILLed run is removed by the next run to that output', async () => {
    const out = join(dir, 'kill-case');
    mkdirSync(out);
    writeFileSync(join(out, '.m.csv.k400-slice-0123456789ab.tmp'), 'half a manifest');
    const run = await interrupt(
      ['slice', root, '--count', '10', '-o', join(out, 'm.csv')],
      out,
      'SIGINT',
      () => new Promise(() => undefined),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['m.csv', 'm.csv.meta.json']);
  });
  it('SIGTERM while DuckDB slices: exit 143, its spill folder is removed, the old manifest stays', async () => {
    const index = join(dir, 'mini.parquet');
    await runMain(['scan', fixture('kinetics-mini'), '-o', index, '-q']);
    let caught = 0;
    for (let attempt = 0; attempt < 4 && caught === 0; attempt++) {
      const out = join(dir, `duck-case-${attempt}`);
      const temp = join(out, 'temp');
      mkdirSync(temp, { recursive: true });
      writeFileSync(join(out, 'm.csv'), 'old\n');
      // The signal goes as soon as DuckDB's spill folder appears in the temp folder.
      const watcher = watch(temp);
      const spilling = new Promise<void>(done =>
        watcher.on('change', (_, name) => {
          if (String(name).startsWith('k400-slice-duckdb-')) done();
        }),
      );
      const args = ['slice', index, '--engine', 'duckdb', '--percent', '50', '-o', join(out, 'm.csv')];
      const run = await interrupt(args, out, 'SIGTERM', () => spilling, { TMPDIR: temp });
      watcher.close();
      assert.deepEqual(readdirSync(temp), [], `nothing is left in the temp folder\n${run.stderr}`);
      if (run.status === 143) {
        caught += 1;
        assert.deepEqual(readdirSync(out).sort(), ['m.csv', 'temp']);
        assert.equal(readFileSync(join(out, 'm.csv'), 'utf8'), 'old\n');
      } else assert.equal(run.status, 0, run.stderr);
    }
    assert.ok(caught > 0, 'the signal never landed while DuckDB worked');
  });
});
