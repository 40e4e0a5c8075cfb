import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { withDuckEvents } from '../helpers/duck-events.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

// `slice INDEX.parquet` opens DuckDB and reads the index's header before the slice command's modules load
// (src/engine/early-duck.ts). The slice must then use that DuckDB rather than open another, and whatever
// happens, no DuckDB may stay open.

const GOLDEN = readFileSync(fixture('golden', 'kinetics-mini-percent-50-seed-1.csv'), 'utf8');
let dir = '';

before(async () => {
  dir = tempDir();
  const scan = await runMain(['scan', fixture('kinetics-mini'), '-o', join(dir, 'i.parquet'), '-q']);
  assert.equal(scan.status, 0, scan.stderr);
});

/**
 * Runs the command line, and how many DuckDBs it opened (every one it opened must be closed) and how many
 * times one of them counted the index's classes.
 */
async function counted(args: string[]): Promise<{ status: number; stderr: string; opened: number; counts: number }> {
  return await withDuckEvents(async ({ events, queries }) => {
    const run = await runMain(args, { cwd: dir });
    const opened = events.filter(e => e.endsWith(' open'));
    assert.equal(events.length, 2 * opened.length, `every DuckDB closed: ${args.join(' ')}: ${events.join(', ')}`);
    const counts = queries.filter(sql => sql.includes('COUNT(*) AS total')).length;
    return { status: run.status, stderr: run.stderr, opened: opened.length, counts };
  });
}

describe('the DuckDB a slice of a Parquet index opens early', () => {
  for (const engine of ['duckdb', 'auto'])
    it(`is the one DuckDB the slice uses (--engine ${engine}), and the manifest is the same`, async () => {
      const args = ['slice', 'i.parquet', '--percent', '50', '--seed', '1', '--engine', engine, '-o', 'm.csv', '-q'];
      const run = await counted(args);
      assert.equal(run.status, 0, run.stderr);
      // auto reads the header, sees a small index and slices it in JavaScript, which reads it with a DuckDB
      // of its own: the early one, not taken, is closed at the end.
      assert.equal(run.opened, engine === 'duckdb' ? 1 : 2);
      // The classes were counted once, early, and the slice used those counts.
      assert.equal(run.counts, 1);
      assert.equal(readFileSync(join(dir, 'm.csv'), 'utf8'), GOLDEN);
    });

  it('counts the classes again for a slice of some splits, and the manifest is the same as without it', async () => {
    const args = ['slice', 'i.parquet', '--split', 'train', '--percent', '50', '--engine', 'duckdb', '-o', '-', '-q'];
    const run = await counted(args);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.counts, 2);
    const js = await runMain([...args.slice(0, -5), '--engine', 'js', '-o', '-', '-q'], { cwd: dir });
    assert.equal(js.status, 0, js.stderr);
    assert.equal((await runMain(args, { cwd: dir })).stdout, js.stdout);
  });

  it('is not opened for a folder or FIFO named .parquet, and is closed when the file is no index', async () => {
    mkdirSync(join(dir, 'folder.parquet'));
    spawnSync('mkfifo', [join(dir, 'fifo.parquet')]);
    for (const name of ['folder.parquet', 'fifo.parquet']) {
      const run = await counted(['slice', name, '--percent', '50', '-o', 'm.csv']);
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.opened, 0, name);
    }
    // Parquet's magic and nothing else: DuckDB opens early, cannot read it, and the slice says so.
    writeFileSync(join(dir, 'junk.parquet'), 'PAR1 and not a Parquet file');
    const junk = await counted(['slice', 'junk.parquet', '--percent', '50', '--engine', 'duckdb', '-o', 'm.csv']);
    assert.equal(junk.status, 2, junk.stderr);
    assert.match(junk.stderr, /junk\.parquet/);
    assert.equal(junk.opened, 1);
  });

  it('is closed when the command stops on a usage error, a damaged index, or slices another source', async () => {
    copyFileSync(join(dir, 'i.parquet'), join(dir, 'other.parquet'));
    const refused = await counted(['slice', 'i.parquet', '--percent', 'lots', '-o', 'm.csv']);
    assert.equal(refused.status, 2, refused.stderr);
    assert.equal(refused.opened, 1);
    const js = await counted(['slice', 'i.parquet', '--percent', '50', '--engine', 'js', '-o', 'm.csv', '-q']);
    assert.equal(js.status, 0, js.stderr);
    assert.equal(js.opened, 2);
    const help = await counted(['slice', 'i.parquet', '--help']);
    assert.equal(help.status, 0, help.stderr);
    // A Parquet file as an option's value is not taken for the source: a slice of a root opens no DuckDB.
    const root = fixture('kinetics-mini');
    const overwrite = await counted([
      'slice',
      root,
      '--percent',
      '50',
      '--format',
      'csv',
      '-o',
      'other.parquet',
      '--dry-run',
    ]);
    assert.equal(overwrite.status, 0, overwrite.stderr);
    assert.equal(overwrite.opened, 0);
    copyFileSync(fixture('kinetics-mini', 'train', 'abseiling', 'WBhpz7wdL1T_000074_000084.mp4'), join(dir, 'x'));
    const notIndex = await counted(['slice', 'x', '--engine', 'duckdb', '-o', 'm.csv']);
    assert.equal(notIndex.status, 2, notIndex.stderr);
    assert.equal(notIndex.opened, 0, 'a file that is not Parquet opens no DuckDB');
  });
});
