import { AsyncLocalStorage } from 'node:async_hooks';
import { watchDucks } from '../../src/engine/duckdb.js';

// Which DuckDBs a piece of a test opened and closed, and the queries they ran. Test files share processes and
// their tests may run at the same time, so a count of every DuckDB in the process would take in other files'
// too: the events are kept by the async context they happen in.

/** What the DuckDBs of a piece of a test did, filled as it happens. */
export interface DuckEvents {
  /** `duck 1 open`, `duck 1 closed`, ...: each DuckDB named by when it was first seen. */
  readonly events: string[];
  /** The SQL of every query run through a DuckDB's `rows`, in order. */
  readonly queries: string[];
}

const watching = new AsyncLocalStorage<DuckEvents & { names: Map<number, number> }>();
watchDucks((event, serial, sql) => {
  const store = watching.getStore();
  if (store === undefined) return;
  if (event === 'rows') {
    store.queries.push(sql ?? '');
    return;
  }
  let name = store.names.get(serial);
  if (name === undefined) {
    name = store.names.size + 1;
    store.names.set(serial, name);
  }
  store.events.push(`duck ${name} ${event === 'open' ? 'open' : 'closed'}`);
});

/** Runs `run` with a record of what the DuckDBs it opens do. */
export async function withDuckEvents<T>(run: (seen: DuckEvents) => Promise<T>): Promise<T> {
  const store = { events: [] as string[], queries: [] as string[], names: new Map<number, number>() };
  return await watching.run(store, () => run(store));
}
