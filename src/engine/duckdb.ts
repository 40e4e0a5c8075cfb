import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DatasetError } from '../errors.js';
import { describeWriteError } from '../write/commit-fs.js';
import { stagedFiles } from '../write/temp-files.js';
import { type DuckModule, loadDuckPackage } from './duckdb-package.js';

/**
 * DuckDB, opened only when a command needs it: `@duckdb/node-api` is an optional dependency (a native
 * binary that some platforms lack), and importing it costs every other command start-up time, so nothing
 * imports it statically.
 */

/** A value as DuckDB returns it: UBIGINT and BIGINT arrive as bigint. */
export type SqlValue = string | number | bigint | boolean | null;

/** The few things the tool asks of DuckDB. */
export interface Duck {
  /** Runs statements that return nothing of interest. */
  run(sql: string): Promise<void>;
  /** Runs a query whose result is small (counts, metadata), as row objects. */
  rows(sql: string): Promise<Record<string, SqlValue>[]>;
  /**
   * Runs a query and hands its result over a chunk at a time, so no copy of it all is made. `column` gives a
   * column of the chunk by name, made into JavaScript values the first time it is asked for: a column never
   * asked for costs nothing. `small`: the result is small enough for DuckDB to hold whole, which it then makes
   * in one go (streaming 65,000 rows cost 30 to 50 ms more).
   */
  chunks(
    sql: string,
    each: (column: (name: string) => SqlValue[], rows: number) => void,
    options?: { readonly small?: boolean },
  ): Promise<void>;
  /** Appends rows to a table, for writing a Parquet index from clips held in memory. */
  append(table: string, fill: (row: AppendRow) => void): Promise<void>;
  /** Its private folder in the OS temp folder (its spill files): removed when it closes, or on a signal. */
  readonly folder: string;
  /** The threads it runs a query on. */
  readonly threads: number;
  close(): void;
}

/** One appender: `values` adds a row of typed cells, in the table's column order. */
export interface AppendRow {
  values(cells: readonly (string | number | null)[], kinds: readonly ('text' | 'int' | 'double')[]): void;
}

/** Bounds on what DuckDB may hold in memory before spilling to disk; DuckDB's own default is 80% of RAM. */
export interface DuckLimits {
  readonly memoryLimit?: string | undefined;
  readonly tempDirectory?: string | undefined;
  readonly threads?: number | undefined;
}

export const DEFAULT_MEMORY_LIMIT = '512MB';

/** Thrown when DuckDB is not installed; `--engine auto` catches it and falls back to JavaScript. */
export class DuckDbMissing extends DatasetError {}

/** How the package is found: loadDuckPackage by default; a test hides it through `setDuckPackage`. */
let requirePackage = (name: string): Promise<DuckModule> => loadDuckPackage(name);

/**
 * A test seam: `load` replaces require() for the package (a test throws, as Node does when it is not installed,
 * to see what a user without DuckDB sees, in-process). Returns the loader it replaced. The tool never calls it.
 */
export function setDuckPackage(load: (name: string) => Promise<DuckModule>): (name: string) => Promise<DuckModule> {
  const previous = requirePackage;
  requirePackage = load;
  return previous;
}

/** Loads the DuckDB package by name (a test passes a name that is not installed), as a typed error if absent. */
export async function importDuck(name = '@duckdb/node-api'): Promise<DuckModule> {
  try {
    return await requirePackage(name);
  } catch (error) {
    throw new DuckDbMissing(
      `DuckDB is not installed (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`,
      'install it with npm install @duckdb/node-api; a JSONL index (scan -o INDEX.jsonl) needs no DuckDB',
    );
  }
}

/** True when `@duckdb/node-api` can be loaded here. */
export async function duckDbAvailable(): Promise<boolean> {
  try {
    await importDuck();
    return true;
  } catch {
    return false;
  }
}

/** A connection to a database of its own, and how to give both back. */
export interface DuckDatabase {
  readonly connection: DuckDBConnection;
  close(): void;
}

/** Where `openDuck` gets its database: `config` is DuckDB's (memory_limit, temp_directory, threads). */
export type DuckDatabases = (duckdb: DuckModule, config: Record<string, string>) => Promise<DuckDatabase>;

/** A new in-memory instance a call, closed with its connection: what the tool does. */
export const newDuckInstances: DuckDatabases = async (duckdb, config) => {
  const instance = await duckdb.DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
};

let databases = newDuckInstances;

/**
 * A test seam: `next` hands out the databases `openDuck` opens from now on. Starting and closing a DuckDB
 * instance costs about 60 ms of CPU, most of a small query's, so the tests keep instances and give each call a
 * fresh database in one (test/helpers/shared-duck.ts). Returns the one it replaced. The tool never calls it.
 */
export function setDuckDatabases(next: DuckDatabases): DuckDatabases {
  const previous = databases;
  databases = next;
  return previous;
}

/** The DuckDBs `openDuck` has opened, which numbers each. */
let opened = 0;
const watchers = new Set<(event: 'open' | 'close' | 'rows', serial: number, sql?: string) => void>();

/**
 * A test seam: `watch` is told of each DuckDB `openDuck` opens and closes, by its number, and of each query
 * its `rows` runs, in the async context of the caller (a test keeps apart its own commands' DuckDBs from others'
 * running at the same time). Returns how to stop. The tool never calls it.
 */
export function watchDucks(
  watch: (event: 'open' | 'close' | 'rows', serial: number, sql?: string) => void,
): () => void {
  watchers.add(watch);
  return () => watchers.delete(watch);
}

/** Opens an in-memory DuckDB with a memory limit and a spill folder in the OS temp folder. */
export async function openDuck(limits: DuckLimits = {}): Promise<Duck> {
  const duckdb = await importDuck();
  // A folder of its own: two runs spilling into one folder could take each other's files.
  const folder = limits.tempDirectory ?? tmpdir();
  let temp: string;
  try {
    temp = mkdtempSync(join(folder, 'k400-slice-duckdb-'));
  } catch (error) {
    // TMPDIR missing, a file, read-only or full: the user's to fix, before anything was written.
    throw new DatasetError(
      `cannot make DuckDB's spill folder in the temp folder '${folder}': ${describeWriteError(error)}`,
      'nothing was changed; point TMPDIR at a writable folder',
    );
  }
  // A signal while DuckDB works (it may have spilled gigabytes there) removes the folder too.
  stagedFiles.addScratch(temp);
  const memoryLimit = limits.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  const threads = limits.threads ?? threadsWithin(memoryLimit, availableParallelism());
  let database: Awaited<ReturnType<DuckDatabases>>;
  try {
    database = await databases(duckdb, {
      memory_limit: memoryLimit,
      temp_directory: temp,
      threads: String(threads),
    });
  } catch (error) {
    // An option DuckDB refuses: its spill folder must not stay behind in the temp folder.
    rmSync(temp, { recursive: true, force: true });
    stagedFiles.dropScratch(temp);
    throw error;
  }
  const { connection } = database;
  const serial = ++opened;
  for (const watch of watchers) watch('open', serial);
  return {
    folder: temp,
    threads,
    async run(sql) {
      await outOfMemory(connection.run(sql), memoryLimit);
    },
    async rows(sql) {
      for (const watch of watchers) watch('rows', serial, sql);
      const reader = await outOfMemory(connection.runAndReadAll(sql), memoryLimit);
      return reader.getRowObjects() as Record<string, SqlValue>[];
    },
    async chunks(sql, each, { small = false } = {}) {
      const result = await outOfMemory(small ? connection.run(sql) : connection.stream(sql), memoryLimit);
      const names = new Map(result.columnNames().map((name, i) => [name, i]));
      for (let chunk = await outOfMemory(result.fetchChunk(), memoryLimit); chunk !== null && chunk.rowCount > 0; ) {
        const made = new Map<string, SqlValue[]>();
        const from = chunk;
        const column = (name: string): SqlValue[] => {
          let values = made.get(name);
          if (values === undefined) {
            const at = names.get(name);
            if (at === undefined) throw new Error(`DuckDB: no column ${name} in the result`);
            values = from.getColumnValues(at) as SqlValue[];
            made.set(name, values);
          }
          return values;
        };
        each(column, chunk.rowCount);
        chunk = await outOfMemory(result.fetchChunk(), memoryLimit);
      }
    },
    async append(table, fill) {
      const appender = await connection.createAppender(table);
      fill({
        values(cells, kinds) {
          cells.forEach((cell, i) => {
            if (cell === null) appender.appendNull();
            else if (kinds[i] === 'text') appender.appendVarchar(String(cell));
            else if (kinds[i] === 'int') appender.appendBigInt(BigInt(cell));
            else appender.appendDouble(Number(cell));
          });
          appender.endRow();
        },
      });
      appender.closeSync();
    },
    close() {
      database.close();
      rmSync(temp, { recursive: true, force: true });
      stagedFiles.dropScratch(temp);
      for (const watch of watchers) watch('close', serial);
    },
  };
}

/** DuckDB ran out of its memory limit: what the tool asked of it did not fit, which is no bug of the tool's. */
export class DuckOutOfMemory extends DatasetError {}

async function outOfMemory<T>(query: Promise<T>, limit: string): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Out of Memory Error'))
      throw new DuckOutOfMemory(
        `DuckDB ran out of its ${limit} memory limit (${error.message.split('\n')[0]})`,
        'nothing was written; try --engine js, and please report the index size and the number of CPUs',
      );
    throw error;
  }
}

/**
 * The threads DuckDB may run within a memory limit: one a CPU (DuckDB's default), but no more than one a
 * 128 MB, since each needs memory of its own. Slicing a 10^7-clip index in 512 MB, 4 and 8 threads finished
 * and 16 ran out of memory, which a machine of 16 CPUs would have met by default.
 */
export function threadsWithin(memoryLimit: string, cpus: number): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B)\s*$/i.exec(memoryLimit);
  if (match === null) return Math.max(1, cpus);
  const unit = (match[2] as string).toUpperCase();
  const power = 'KMGT'.indexOf(unit[0] as string) + 1;
  const bytes = Number(match[1]) * (unit.includes('I') ? 1024 : 1000) ** power;
  return Math.max(1, Math.min(cpus, Math.floor(bytes / 128e6)));
}

/** A string as an SQL literal. */
export function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A text literal, or a NULL typed as text (so that a VALUES list whose first row holds it types its column). */
export function sqlTextOrNull(text: string | null): string {
  return text === null ? 'CAST(NULL AS VARCHAR)' : sqlText(text);
}
