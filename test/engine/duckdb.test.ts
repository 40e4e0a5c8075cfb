import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DuckDbMissing, importDuck, openDuck } from '../../src/engine/duckdb.js';
import { tempDir } from '../helpers/temp.js';

describe('the DuckDB engine module', () => {
  it('opens with the memory limit and spill folder asked for, and removes the folder on close', async () => {
    const spill = tempDir();
    const duck = await openDuck({ memoryLimit: '300MB', tempDirectory: spill });
    const [settings] = await duck.rows(
      "SELECT current_setting('memory_limit') AS memory, current_setting('temp_directory') AS temp",
    );
    assert.match(String(settings?.memory), /^(286\.1 MiB|300\.0 MB)$/);
    const folders = readdirSync(spill);
    assert.equal(folders.length, 1);
    assert.match(String(settings?.temp), /k400-slice-duckdb-/);
    duck.close();
    assert.equal(existsSync(String(settings?.temp)), false);
  });

  it('says clearly that DuckDB is missing when the package cannot be imported', async () => {
    await assert.rejects(
      importDuck('@duckdb/no-such-package'),
      (e: unknown) =>
        e instanceof DuckDbMissing &&
        /^DuckDB is not installed/.test(e.message) &&
        /npm install @duckdb\/node-api/.test(e.hint ?? ''),
    );
  });
});
