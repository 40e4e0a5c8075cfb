import { statSync } from 'node:fs';
import { columnsSql, keyValueSql, parquetTable } from '../source/parquet-head-sql.js';
import { isParquetFile } from '../source/parquet-magic.js';
import { classCountsSql } from './class-counts.js';
import { type Duck, openDuck, type SqlValue } from './duckdb.js';

/**
 * A DuckDB opened for a slice of a Parquet index before the slice command's modules load. Every slice of a
 * Parquet index opens DuckDB (default limits), reads the index's header and, with DuckDB, counts its classes,
 * first: started early, those run on DuckDB's threads while the command's modules load (about 150 ms) on the
 * main thread. This module imports nothing heavy, so that its queries start before those modules load.
 */
export interface EarlyDuck {
  /** The argument it was opened for, as given. */
  readonly path: string;
  /**
   * The DuckDB once its queries are done (so that it can be closed at once), answering each of them the first
   * time it is asked again; undefined when it could not be opened.
   */
  readonly duck: Promise<Duck | undefined>;
  /**
   * Settles once DuckDB is open and has its queries, or could not be opened: the command line waits for this
   * before it loads the slice command, so that the queries run while those modules load.
   */
  readonly asked: Promise<void>;
  taken: boolean;
}

/**
 * Starts opening DuckDB for the first of a slice's arguments that is a Parquet file and does not follow an
 * option (which may be the option's value: `-o old.parquet`, `--have HAVE.parquet`), if any. An argument that
 * turns out not to be the source only costs the DuckDB, closed unused; a source after a flag (`-q INDEX`) is
 * sliced as ever, without an early DuckDB. Any failure is left for the slice itself to meet and report.
 */
export function openEarlyDuck(args: readonly string[]): EarlyDuck | undefined {
  const path = args.find(
    (arg, i) => !arg.startsWith('-') && !(args[i - 1] ?? '').startsWith('-') && isParquetArgument(arg),
  );
  if (path === undefined) return undefined;
  let asking = (): void => undefined;
  const asked = new Promise<void>(resolve => {
    asking = resolve;
  });
  const duck = openAndAsk(path, asking);
  // However the open ends, failing included, the command line stops waiting.
  duck.then(asking, asking);
  return { path, duck, asked, taken: false };
}

/**
 * Opens DuckDB and asks it what a slice of the index at `path` asks first: its key-value metadata, its columns,
 * and (for a slice with no --split) its classes' counts. The slice asks again by the same text and gets these
 * answers; anything else, or anything asked twice, goes to DuckDB.
 */
async function openAndAsk(path: string, asking: () => void): Promise<Duck | undefined> {
  let duck: Duck;
  try {
    duck = await openDuck();
  } catch {
    return undefined;
  }
  // Asked together, so that DuckDB runs them one after another without waiting for the main thread, which is
  // loading modules meanwhile. The counts are those of an index made without probing (most are): for one made
  // with, the slice asks other counts, which go to DuckDB.
  const asked = [keyValueSql(path), columnsSql(path), classCountsSql(parquetTable(path), 'TRUE', false).sql];
  // A file DuckDB cannot read, or no index: the slice asks again, and says what is wrong with it.
  const answered = Promise.allSettled(asked.map(sql => duck.rows(sql)));
  asking();
  const results = await answered;
  const answers = new Map<string, Record<string, SqlValue>[]>();
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') answers.set(asked[i] as string, result.value);
  });
  return {
    ...duck,
    async rows(sql) {
      const rows = answers.get(sql);
      if (rows === undefined) return duck.rows(sql);
      answers.delete(sql);
      return rows;
    },
  };
}

function isParquetArgument(arg: string): boolean {
  try {
    return statSync(arg, { throwIfNoEntry: false })?.isFile() === true && isParquetFile(arg);
  } catch {
    return false;
  }
}

/** Runs `command`, which may take `early` (takeEarlyDuck), then closes `early` if the command did not take it. */
export async function withEarlyDuck<T>(early: EarlyDuck | undefined, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } finally {
    if (early !== undefined && !early.taken) {
      early.taken = true;
      (await early.duck)?.close();
    }
  }
}

/**
 * The DuckDB `early` opened for the index at `path`, handed over once: the caller closes it. Undefined when
 * there is none, it was opened for another path, or it could not be opened. The command line passes `early` down
 * to the slice itself (Io's earlyDuck), rather than through an AsyncLocalStorage: one of those enables Node's
 * promise hooks for the rest of the process, which cost a slice of a Parquet index about 25 ms of its start.
 */
export async function takeEarlyDuck(early: EarlyDuck | undefined, path: string): Promise<Duck | undefined> {
  if (early === undefined || early.taken || early.path !== path) return undefined;
  early.taken = true;
  return await early.duck;
}
