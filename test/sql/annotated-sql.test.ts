import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDuck } from '../../src/engine/duckdb.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

// An annotated index (CVDF) sizes its classes by their annotated rows (rule v2). `k400-slice sql` carries them
// as a table of literals, so the printed query selects what `slice` selects, classes missing files included.

const dir = tempDir();
const INDEX = join(dir, 'cvdf.parquet');
await runMain(['scan', fixture('cvdf-mini'), '-o', INDEX, '-q']);

/** The clip ids the printed DuckDB query selects, run on the Parquet index itself. */
async function idsFromSql(slice: readonly string[]): Promise<string[]> {
  const printed = await runMain(['sql', INDEX, ...slice, '--dialect', 'duckdb']);
  assert.equal(printed.status, 0, printed.stderr);
  const duck = await openDuck();
  try {
    return (await duck.rows(printed.stdout.replace(/;\s*$/, ''))).map(row => String(row.clip_id));
  } finally {
    duck.close();
  }
}

/** The clip ids `slice` writes, in manifest order, with the JavaScript engine. */
async function idsFromSlice(slice: readonly string[]): Promise<string[]> {
  const out = join(dir, 'm.json');
  const run = await runMain(['slice', INDEX, ...slice, '--engine', 'js', '-o', out, '-q']);
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(readFileSync(out, 'utf8')) as { clips: { clip_id: string }[] }).clips.map(c => c.clip_id);
}

describe('k400-slice sql on an annotated index', () => {
  for (const slice of [
    ['--split', 'train', '--per-class', '5'],
    ['--split', 'train', '--percent', '60'],
    ['--split', 'train', '--count', '7', '--stratified', '--allow-fewer'],
    ['--split', 'validate', '--percent', '50', '--min-per-class', '0'],
  ]) {
    it(`selects what slice selects: ${slice.join(' ')}`, async () => {
      const fromSlice = await idsFromSlice(slice);
      assert.ok(fromSlice.length > 0);
      assert.deepEqual(await idsFromSql(slice), fromSlice);
    });
  }

  it('carries the annotated rows as a table of literals in every dialect', async () => {
    const printed = await runMain(['sql', INDEX, '--split', 'train', '--per-class', '5', '--dialect', 'postgres']);
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /known AS \(\n {2}SELECT \* FROM \(VALUES \('train', 'abseiling', \d+\)/);
    assert.match(printed.stdout, /GREATEST\(COUNT\(\*\) OVER \(PARTITION BY eligible\.split, eligible\.label\)/);
    for (const dialect of ['spark', 'bigquery', 'trino']) {
      const text = await runMain([
        'sql',
        INDEX,
        '--split',
        'train',
        '--count',
        '5',
        '--stratified',
        '--dialect',
        dialect,
      ]);
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /FULL OUTER JOIN known/);
    }
  });
});
