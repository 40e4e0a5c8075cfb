import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/errors.js';
import { loadSource } from '../../src/source/load.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { SLICE_MATRIX, sliceOutputs } from '../helpers/slice-matrix.js';
import { tempDir } from '../helpers/temp.js';

describe('the Parquet index, and both engines on it', () => {
  for (const root of ['kinetics-mini', 'cvdf-mini']) {
    it(`slices byte-identically to the root and the JSONL index: ${root}, every strategy, both engines`, async () => {
      const dir = tempDir();
      const parquet = join(dir, 'k400.index.parquet');
      const jsonl = join(dir, 'k400.index.jsonl');
      assert.equal((await runMain(['scan', fixture(root), '-o', parquet, '-q'])).status, 0);
      assert.equal((await runMain(['scan', fixture(root), '-o', jsonl, '-q'])).status, 0);
      for (const [n, matrixRow] of SLICE_MATRIX.entries()) {
        // The CVDF test split has no labels, which strategies by class refuse: slice its train split.
        const options =
          root === 'cvdf-mini' && !matrixRow.includes('--split') ? ['--split', 'train', ...matrixRow] : matrixRow;
        const outs = ['root', 'jsonl', 'parquet', 'duck-parquet', 'duck-jsonl'].map(name => join(dir, `${n}-${name}`));
        for (const out of outs) mkdirSync(out);
        const fromRoot = await sliceOutputs(fixture(root), options, outs[0] as string);
        const fromJsonl = await sliceOutputs(jsonl, options, outs[1] as string, ['--engine', 'js']);
        const fromParquet = await sliceOutputs(parquet, options, outs[2] as string, ['--engine', 'js']);
        const duckParquet = await sliceOutputs(parquet, options, outs[3] as string, ['--engine', 'duckdb']);
        const duckJsonl = await sliceOutputs(jsonl, options, outs[4] as string, ['--engine', 'duckdb']);
        const words = options.join(' ');
        assert.equal(fromRoot.status, 0, `${words}: ${fromRoot.stderr}`);
        assert.ok(Object.values(fromRoot.files).join('').length > 100, words);
        assert.deepEqual(fromParquet.files, fromRoot.files, words);
        assert.deepEqual(fromJsonl.files, fromRoot.files, words);
        // An annotated index too: rule v2 sizes its classes by their annotated rows, in both engines.
        assert.deepEqual(duckParquet.files, fromRoot.files, `${words} --engine duckdb`);
        assert.deepEqual(duckJsonl.files, fromRoot.files, `${words} --engine duckdb`);
      }
    });
  }

  it('holds the JSONL header in its metadata, and leaves an unchanged index alone', async () => {
    const dir = tempDir();
    const parquet = join(dir, 'i.parquet');
    const jsonl = join(dir, 'i.jsonl');
    await runMain(['scan', fixture('cvdf-mini'), '-o', parquet, '-q']);
    await runMain(['scan', fixture('cvdf-mini'), '-o', jsonl, '-q']);
    const { openDuck } = await import('../../src/engine/duckdb.js');
    const duck = await openDuck();
    const [meta] = await duck.rows(
      `SELECT decode(value) AS v FROM parquet_kv_metadata('${parquet}') WHERE decode(key) = 'k400_slice_index'`,
    );
    duck.close();
    assert.equal(String(meta?.v), readFileSync(jsonl, 'utf8').split('\n')[0]);
    const before = statSync(parquet).mtimeMs;
    const again = await runMain(['scan', fixture('cvdf-mini'), '-o', parquet]);
    assert.match(again.stderr, /\(unchanged\)/);
    assert.equal(statSync(parquet).mtimeMs, before);
  });

  it('refuses a Parquet file that is not an index, and one that is damaged', async () => {
    const dir = tempDir();
    const other = join(dir, 'other.parquet');
    const { openDuck } = await import('../../src/engine/duckdb.js');
    const duck = await openDuck();
    await duck.run(`COPY (SELECT 1 AS a) TO '${other}' (FORMAT parquet)`);
    duck.close();
    await assert.rejects(
      loadSource(other),
      (e: unknown) => e instanceof DatasetError && /without a k400-slice index header/.test(e.message),
    );
    const damaged = join(dir, 'damaged.parquet');
    await runMain(['scan', fixture('kinetics-mini'), '-o', damaged, '-q']);
    writeFileSync(damaged, readFileSync(damaged).subarray(0, 200));
    await assert.rejects(
      loadSource(damaged),
      (e: unknown) => e instanceof DatasetError && /is not a readable Parquet file/.test(e.message),
    );
  });
});
