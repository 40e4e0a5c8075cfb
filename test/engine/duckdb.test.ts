import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import {
  DuckDbMissing,
  DuckOutOfMemory,
  importDuck,
  newDuckInstances,
  openDuck,
  setDuckDatabases,
  threadsWithin,
} from '../../src/engine/duckdb.js';
import { DatasetError } from '../../src/errors.js';
import { sharedDuckInstances } from '../helpers/shared-duck.js';
import { tempDir } from '../helpers/temp.js';

describe('the DuckDB engine module', () => {
  it('opens with the memory limit and spill folder asked for, and removes the folder on close', async () => {
    const spill = tempDir();
    // The tool's own instance a call, not the test processes' shared ones (test/helpers/shared-duck.ts).
    const shared = setDuckDatabases(newDuckInstances);
    const duck = await openDuck({ memoryLimit: '300MB', tempDirectory: spill }).finally(() => setDuckDatabases(shared));
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

  // 16 threads (DuckDB's default on 16 CPUs) ran out of 512 MB slicing a 10^7-clip index, with exit 70.
  it('runs a thread a CPU, but no more than one a 128 MB of its memory limit', async () => {
    assert.equal(threadsWithin('512MB', 16), 4);
    assert.equal(threadsWithin('512MB', 2), 2);
    assert.equal(threadsWithin('1GiB', 64), 8);
    assert.equal(threadsWithin('64MB', 8), 1);
    assert.equal(threadsWithin('a lot', 3), 3);
    const shared = setDuckDatabases(newDuckInstances);
    const duck = await openDuck().finally(() => setDuckDatabases(shared));
    try {
      const [row] = await duck.rows("SELECT current_setting('threads') AS threads");
      assert.equal(Number(row?.threads), threadsWithin('512MB', availableParallelism()));
    } finally {
      duck.close();
    }
  });

  it('reports running out of its memory limit as an error of the input, not an internal one', async () => {
    const shared = setDuckDatabases(newDuckInstances);
    const duck = await openDuck({ memoryLimit: '32MB' }).finally(() => setDuckDatabases(shared));
    try {
      await assert.rejects(
        duck.rows('SELECT list(i) AS l FROM range(20000000) t(i)'),
        (e: unknown) =>
          e instanceof DuckOutOfMemory &&
          e instanceof DatasetError &&
          /ran out of its 32MB memory limit/.test(e.message),
      );
    } finally {
      duck.close();
    }
  });

  it("the tests' kept instances give each call a database of its own, as a new instance would", async () => {
    const previous = setDuckDatabases(sharedDuckInstances);
    try {
      const first = await openDuck();
      await first.run('CREATE TABLE clips (a INTEGER)');
      const second = await openDuck();
      await second.run('CREATE TABLE clips (b VARCHAR)'); // fails if it sees the first call's table
      second.close();
      first.close();
      const third = await openDuck();
      const tables = await third.rows(
        'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()',
      );
      third.close();
      assert.deepEqual(tables, []);
    } finally {
      setDuckDatabases(previous);
    }
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
