import { AsyncLocalStorage } from 'node:async_hooks';
import { statSync } from 'node:fs';
import { isParquetFile } from '../source/parquet-magic.js';
import { type Duck, openDuck } from './duckdb.js';

/**
 * A DuckDB opened for a slice of a Parquet index before the slice command's modules load. Every slice of a
 * Parquet index opens DuckDB (default limits) and reads the index's header first, whichever engine then slices
 * it: started early, DuckDB's start and the header's read (about 55 ms) run on DuckDB's threads while the
 * command's modules load (about 150 ms) on the main thread.
 */
export interface EarlyDuck {
  /** The argument it was opened for, as given. */
  readonly path: string;
  /** The DuckDB, once open with the header read; undefined when it could not be opened. */
  readonly duck: Promise<Duck | undefined>;
  taken: boolean;
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
  const duck = (async (): Promise<Duck | undefined> => {
    let opened: Duck;
    try {
      opened = await openDuck();
    } catch {
      return undefined;
    }
    try {
      const { readParquetHeader } = await import('../source/parquet-index.js');
      await readParquetHeader(opened, path, path);
    } catch {
      // A damaged index: the slice reads the header again, and says what is wrong with it.
    }
    return opened;
  })();
  return { path, duck, taken: false };
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
