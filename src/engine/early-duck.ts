import { AsyncLocalStorage } from 'node:async_hooks';
import { statSync } from 'node:fs';
import { isParquetFile } from '../source/parquet-magic.js';
import { type Duck, openDuck, type SqlValue } from './duckdb.js';

/**
 * A DuckDB opened for a slice of a Parquet index before the slice command's modules load. Every slice of a
 * Parquet index opens DuckDB (default limits) and reads the index's header first, whichever engine then slices
 * it: started early, DuckDB's start and the header's read (about 55 ms) run on DuckDB's threads while the
 * command's modules load (about 150 ms) on the main thread.
 */
export interface EarlyDuck {
  /** The argument it was opened for, as given. */
  readonly path: string;
  /** The DuckDB, once open with the header read and the classes counted; undefined when it could not be opened. */
  readonly duck: Promise<Duck | undefined>;
  taken: boolean;
  /** The rows of the query that counts the index's classes (see classCountsSql), once, for the slice. */
  counts?: { readonly duck: Duck; readonly sql: string; readonly rows: Record<string, SqlValue>[] } | undefined;
}

const current = new AsyncLocalStorage<EarlyDuck | undefined>();

/**
 * Starts opening DuckDB for the first of a slice's arguments that is a Parquet file, if any (an argument that
 * turns out not to be the source only costs the DuckDB, closed unused). Any failure is left for the slice
 * itself to meet and report, in its words.
 */
export function openEarlyDuck(args: readonly string[]): EarlyDuck | undefined {
  const path = args.find(arg => !arg.startsWith('-') && isParquetArgument(arg));
  if (path === undefined) return undefined;
  const early: { path: string; duck?: Promise<Duck | undefined>; taken: boolean; counts?: EarlyDuck['counts'] } = {
    path,
    taken: false,
  };
  early.duck = (async (): Promise<Duck | undefined> => {
    let opened: Duck;
    try {
      opened = await openDuck();
    } catch {
      return undefined;
    }
    try {
      // The header, and the counts of every class of the whole index, which a slice with no --split starts
      // from; queries that are done before the DuckDB is handed over, so that it can be closed at once.
      const { classCountsSql, openIndexTable } = await import('./index-table.js');
      const { table, header } = await openIndexTable(opened, path, path);
      const { sql } = classCountsSql(table, 'TRUE', header.probed);
      early.counts = { duck: opened, sql, rows: await opened.rows(sql) };
    } catch {
      // A damaged index: the slice reads it again, and says what is wrong with it.
    }
    return opened;
  })();
  return early as EarlyDuck;
}

function isParquetArgument(arg: string): boolean {
  try {
    return statSync(arg, { throwIfNoEntry: false })?.isFile() === true && isParquetFile(arg);
  } catch {
    return false;
  }
}

/** Runs `command` with `early` to hand over (takeEarlyDuck), then closes it if the command did not take it. */
export async function withEarlyDuck<T>(early: EarlyDuck | undefined, command: () => Promise<T>): Promise<T> {
  try {
    return await current.run(early, command);
  } finally {
    if (early !== undefined && !early.taken) {
      early.taken = true;
      (await early.duck)?.close();
    }
  }
}

/**
 * The DuckDB opened early for the index at `path`, handed over once: the caller closes it. Undefined when
 * none was opened for that path, or it could not be.
 */
export async function takeEarlyDuck(path: string): Promise<Duck | undefined> {
  const early = current.getStore();
  if (early === undefined || early.taken || early.path !== path) return undefined;
  early.taken = true;
  return await early.duck;
}

/** The rows of `sql` (classCountsSql's) if the command line ran it on `duck` early; once. */
export function earlyRows(duck: Duck, sql: string): Record<string, SqlValue>[] | undefined {
  const early = current.getStore();
  const counts = early?.counts;
  if (early === undefined || counts === undefined || counts.duck !== duck || counts.sql !== sql) return undefined;
  early.counts = undefined;
  return counts.rows;
}
