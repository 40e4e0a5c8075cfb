import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

describe('run with --engine in the config', () => {
  it('writes the same manifests from a slice run in DuckDB as from one run in JavaScript', async () => {
    const dir = tempDir();
    const index = join(dir, 'mini.parquet');
    await runMain(['scan', fixture('kinetics-mini'), '-o', index, '-q']);
    const slice = (engine: string) => ({
      percent: 30,
      split: 'train',
      shards: 2,
      engine,
      output: join(dir, `${engine}-{shard}.csv`),
    });
    const config = join(dir, 'slices.json');
    writeFileSync(config, JSON.stringify({ source: index, seed: 'r', slices: { a: slice('duckdb'), b: slice('js') } }));
    const run = await runMain(['run', config, '-q']);
    assert.equal(run.status, 0, run.stderr);
    for (const shard of ['0', '1']) {
      const duck = readFileSync(join(dir, `duckdb-${shard}.csv`), 'utf8');
      assert.ok(duck.split('\n').length > 3);
      assert.equal(duck, readFileSync(join(dir, `js-${shard}.csv`), 'utf8'));
      assert.equal(
        readFileSync(join(dir, `duckdb-${shard}.csv.meta.json`), 'utf8'),
        readFileSync(join(dir, `js-${shard}.csv.meta.json`), 'utf8'),
      );
    }
  });
});
