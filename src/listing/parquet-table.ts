import { type Duck, DuckDbMissing, openDuck, type SqlValue, sqlText } from '../engine/duckdb.js';
import { DatasetError } from '../errors.js';
import { parquetTable } from '../source/parquet-head-sql.js';
import { columnsOf } from './csv-table.js';
import { listingError } from './listing.js';

/** DuckDB, or the one error that says a Parquet listing needs it. */
async function openForListing(file: string): Promise<Duck> {
  try {
    return await openDuck();
  } catch (error) {
    if (!(error instanceof DuckDbMissing)) throw error;
    throw new DatasetError(
      `listing ${file}: a Parquet listing is read with DuckDB, which is not installed`,
      'install it with npm install @duckdb/node-api, or give the listing as CSV',
    );
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** The column names of a Parquet file. */
export async function parquetColumns(path: string, file: string): Promise<string[]> {
  const duck = await openForListing(file);
  try {
    const rows = await duck.rows(`SELECT name FROM parquet_schema(${sqlText(path)}) WHERE num_children IS NULL`);
    return rows.map(row => String(row.name));
  } catch (error) {
    throw listingError(file, `not a readable Parquet file (${firstLine(error)})`);
  } finally {
    duck.close();
  }
}

/**
 * The wanted columns of a Parquet file, found by any of their names, handed over row by row in one reused
 * object: a column not found is undefined in every row, and the caller says whether it may be missing.
 * Returns the file's columns, all of them.
 */
export async function forEachParquetRow<K extends string>(
  path: string,
  file: string,
  names: Readonly<Record<K, readonly string[]>>,
  onRow: (row: Readonly<Record<K, SqlValue | undefined>>, index: number) => void,
): Promise<string[]> {
  const columns = await parquetColumns(path, file);
  const at = columnsOf(columns, names);
  const keys = Object.keys(names) as K[];
  const chosen = keys.filter(key => at[key] >= 0);
  const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;
  const select = chosen.map(key => `${quoted(columns[at[key]] as string)} AS ${quoted(key)}`).join(', ');
  if (chosen.length === 0) return columns;
  const duck = await openForListing(file);
  const row = {} as Record<K, SqlValue | undefined>;
  let index = 0;
  try {
    await duck.chunks(`SELECT ${select} FROM ${parquetTable(path)}`, (column, count) => {
      const cells = chosen.map(key => [key, column(key)] as const);
      for (let i = 0; i < count; i++) {
        for (const [key, values] of cells) row[key] = values[i];
        onRow(row, index++);
      }
    });
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw listingError(file, `cannot read its rows (${firstLine(error)})`);
  } finally {
    duck.close();
  }
  return columns;
}
