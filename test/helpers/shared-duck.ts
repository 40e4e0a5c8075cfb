import type { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDatabases } from '../../src/engine/duckdb.js';
import { tempDir } from './temp.js';

/**
 * DuckDB for a test process: one instance for each configuration but the spill folder, kept until the process
 * exits. Each `openDuck` gets a new connection to a fresh in-memory database of its own in it (ATTACH, then USE),
 * so what one call creates the next does not see, as with the tool's instance a call; it costs a few milliseconds
 * of CPU where starting and closing an instance costs about 60. Each kept instance spills into a folder of its own.
 * test/engine/duckdb.test.ts checks the tool's own instances (limits, spill folder) with `newDuckInstances`.
 */
const instances = new Map<string, Promise<DuckDBInstance>>();
/** The databases whose connection was closed, by instance: the next call on it detaches them. */
const closed = new Map<DuckDBInstance, string[]>();
let databases = 0;

process.once('exit', () => {
  for (const instance of closed.keys()) instance.closeSync();
});

async function instanceFor(
  duckdb: Parameters<DuckDatabases>[0],
  config: Record<string, string>,
): Promise<DuckDBInstance> {
  const { temp_directory: _, ...kept } = config;
  const key = JSON.stringify(kept);
  let made = instances.get(key);
  if (made === undefined) {
    made = duckdb.DuckDBInstance.create(':memory:', { ...kept, temp_directory: tempDir('k400-test-duckdb-') });
    instances.set(key, made);
  }
  try {
    const instance = await made;
    if (!closed.has(instance)) closed.set(instance, []);
    return instance;
  } catch (error) {
    instances.delete(key); // a configuration DuckDB refuses: the next call tries again, as the tool would
    throw error;
  }
}

export const sharedDuckInstances: DuckDatabases = async (duckdb, config) => {
  const instance = await instanceFor(duckdb, config);
  const connection = await instance.connect();
  // Closing cannot wait for a statement, so the databases of closed connections are detached here.
  const detach = (closed.get(instance) ?? []).splice(0).map(name => `DETACH ${name}; `);
  const name = `test_database_${++databases}`;
  await connection.run(`${detach.join('')}ATTACH ':memory:' AS ${name}; USE ${name}`);
  return {
    connection,
    close() {
      connection.closeSync();
      closed.get(instance)?.push(name);
    },
  };
};
