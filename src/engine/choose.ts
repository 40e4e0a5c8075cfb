import { statSync } from 'node:fs';
import type { PreparedSlice } from '../api/slice.js';
import { UsageError } from '../errors.js';
import { isIndexFile } from '../source/index-file.js';
import { layoutReadsIndex } from '../source/loaders/index.js';
import { type IndexHeader, readParquetHeader } from '../source/parquet-index.js';
import { isParquetFile } from '../source/parquet-magic.js';
import { type Duck, duckDbAvailable, openDuck } from './duckdb.js';
import { jsOnlyOption } from './duckdb-slice.js';
import { type EarlyDuck, takeEarlyDuck } from './early-duck.js';
import type { EngineName } from './engines.js';
import { readJsonlHeader } from './index-table.js';

/**
 * From this many clips on, `--engine auto` slices an index in DuckDB. Measured on the 2-core machine: at
 * 650,000 clips the JavaScript engine took 2.8 s and 365 MB, DuckDB on the Parquet index about 1 s; below
 * 100,000 clips DuckDB's start-up (about 0.3 s) is most of its time.
 */
export const AUTO_DUCKDB_CLIPS = 200_000;

/** The engine a slice runs on, and a note for the summary when auto had to settle for less. */
export interface EngineChoice {
  readonly engine: 'js' | 'duckdb';
  readonly note?: string;
  /**
   * The DuckDB (default limits) that read a Parquet index's header for `auto`, handed on to slice the index, which
   * then closes it: a second instance, started and closed, cost about 10 ms of CPU and of wall time. Only with
   * engine 'duckdb'.
   */
  readonly duck?: Duck;
}

/**
 * `--engine duckdb` slices an index (Parquet or JSONL) in DuckDB; `js` loads every clip; `auto` uses DuckDB
 * for indexes of AUTO_DUCKDB_CLIPS clips or more, and JavaScript otherwise or when DuckDB is not installed.
 */
export async function chooseEngine(
  asked: EngineName,
  prepared: PreparedSlice,
  // Tests pass a smaller threshold, and a DuckDB that is missing. `early`: see takeEarlyDuck.
  {
    threshold = AUTO_DUCKDB_CLIPS,
    available = duckDbAvailable,
    early,
  }: { threshold?: number; available?: () => Promise<boolean>; early?: EarlyDuck | undefined } = {},
): Promise<EngineChoice> {
  if (asked === 'js') return { engine: 'js' };
  const path = prepared.options.source ?? '';
  let index = false;
  try {
    index = statSync(path, { throwIfNoEntry: false })?.isFile() === true && (isParquetFile(path) || isIndexFile(path));
    // A forced layout that is not an index's is its loader's to read, or to refuse.
    index &&= prepared.options.layout === undefined || layoutReadsIndex(path, prepared.options.layout);
  } catch {
    // A path that cannot be looked at (a loop, a NUL byte) is the loader's to report.
  }
  const refused = jsOnlyOption(prepared);
  if (asked === 'duckdb') {
    if (!index)
      throw new UsageError(
        `--engine duckdb slices an index, and '${path}' is not one`,
        'make one with k400-slice scan ROOT -o INDEX.parquet, or use --engine js',
      );
    if (refused !== undefined)
      throw new UsageError(`${refused} is not supported by --engine duckdb`, 'use --engine js (or auto)');
    return { engine: 'duckdb' };
  }
  if (!index || refused !== undefined) return { engine: 'js' };
  const parquet = isParquetFile(path);
  // Without DuckDB a Parquet index cannot be read at all: loading it says so.
  if (parquet && !(await available())) return { engine: 'js' };
  let header: IndexHeader;
  let duck: Duck | undefined;
  try {
    ({ header, duck } = await headerOf(path, parquet, early));
  } catch {
    return { engine: 'js' }; // a damaged index: the JavaScript reader says what is wrong with it
  }
  let choice: EngineChoice = { engine: 'duckdb' };
  if (header.clips < threshold) choice = { engine: 'js' };
  else if (!(await available()))
    choice = { engine: 'js', note: 'DuckDB is not installed: sliced with the JavaScript engine (--engine auto)' };
  if (duck === undefined) return choice;
  if (choice.engine === 'duckdb') return { ...choice, duck };
  duck.close();
  return choice;
}

/** An index's header; a Parquet index's is read by a DuckDB, left open for the slice. */
async function headerOf(
  path: string,
  parquet: boolean,
  early: EarlyDuck | undefined,
): Promise<{ header: IndexHeader; duck?: Duck }> {
  if (!parquet) return { header: readJsonlHeader(path, path) };
  const duck = (await takeEarlyDuck(early, path)) ?? (await openDuck());
  try {
    return { header: await readParquetHeader(duck, path, path), duck };
  } catch (error) {
    duck.close();
    throw error;
  }
}
