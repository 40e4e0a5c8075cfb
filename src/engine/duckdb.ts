import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetError } from '../errors.js';
import { describeWriteError } from '../write/commit-fs.js';
import { stagedFiles } from '../write/temp-files.js';

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
  /** Runs a query and hands its result over a chunk at a time, columns by name, so no copy of it all is made. */
  chunks(sql: string, each: (columns: Record<string, SqlValue[]>, rows: number) => void): Promise<void>;
  /** Appends rows to a table, for writing a Parquet index from clips held in memory. */
  append(table: string, fill: (row: AppendRow) => void): Promise<void>;
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

type DuckModule = typeof import('@duckdb/node-api');

let loaded: Promise<DuckModule> | undefined;

// The package is CommonJS: require() loads it in half the time import() does, which first has the whole
// package's source lexed for its export names (about 0.25 s of CPU at every start-up that needs DuckDB).
const requireCjs = createRequire(import.meta.url);

/** Loads the DuckDB package by name (a test passes a name that is not installed), as a typed error if absent. */
export async function importDuck(name = '@duckdb/node-api'): Promise<DuckModule> {
  try {
    return requireCjs(name) as DuckModule;
  } catch (error) {
    throw new DuckDbMissing(
      `DuckDB is not installed (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`,
      'install it with npm install @duckdb/node-api; a JSONL index (scan -o INDEX.jsonl) needs no DuckDB',
    );
  }
}

function loadModule(): Promise<DuckModule> {
  loaded ??= importDuck().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

/** True when `@duckdb/node-api` can be loaded here. */
export async function duckDbAvailable(): Promise<boolean> {
  try {
    await loadModule();
    return true;
  } catch {
    return false;
  }
}

/** Opens an in-memory DuckDB with a memory limit and a spill folder in the OS temp folder. */
export async function openDuck(limits: DuckLimits = {}): Promise<Duck> {
  const duckdb = await loadModule();
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
  let instance: Awaited<ReturnType<typeof duckdb.DuckDBInstance.create>>;
  let connection: Awaited<ReturnType<typeof instance.connect>>;
  try {
    instance = await duckdb.DuckDBInstance.create(':memory:', {
      memory_limit: limits.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      temp_directory: temp,
      ...(limits.threads === undefined ? {} : { threads: String(limits.threads) }),
    });
    connection = await instance.connect();
  } catch (error) {
    // An option DuckDB refuses: its spill folder must not stay behind in the temp folder.
    rmSync(temp, { recursive: true, force: true });
    stagedFiles.dropScratch(temp);
    throw error;
  }
  return {
    async run(sql) {
      await connection.run(sql);
    },
    async rows(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjects() as Record<string, SqlValue>[];
    },
    async chunks(sql, each) {
      const result = await connection.stream(sql);
      const names = result.columnNames();
      for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; ) {
        each(chunk.getColumnsObject(names) as Record<string, SqlValue[]>, chunk.rowCount);
        chunk = await result.fetchChunk();
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
      connection.closeSync();
      instance.closeSync();
      rmSync(temp, { recursive: true, force: true });
      stagedFiles.dropScratch(temp);
    },
  };
}

/** A string as an SQL literal. */
export function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
