import { type Duck, DuckDbMissing, openDuck, type SqlValue, sqlText } from '../engine/duckdb.js';
import { DatasetError } from '../errors.js';
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
 * The wanted columns of a Parquet file, found by any of their names, row by row; a column not found is
 * undefined in every row, and the caller says whether it may be missing.
 */
export async function parquetRows<K extends string>(
  path: string,
  file: string,
  names: Readonly<Record<K, readonly string[]>>,
): Promise<Record<K, SqlValue | undefined>[]> {
  const columns = await parquetColumns(path, file);
  const at = columnsOf(columns, names);
  const keys = Object.keys(names) as K[];
  const chosen = keys.filter(key => at[key] >= 0);
  const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;
  const select = chosen.map(key => `${quoted(columns[at[key]] as string)} AS ${quoted(key)}`).join(', ');
  const rows: Record<K, SqlValue | undefined>[] = [];
  if (chosen.length === 0) return rows;
  const duck = await openForListing(file);
  try {
    await duck.chunks(`SELECT ${select} FROM read_parquet(${sqlText(path)})`, (cells, count) => {
      for (let i = 0; i < count; i++) {
        const row = {} as Record<K, SqlValue | undefined>;
        for (const key of keys) row[key] = cells[key]?.[i];
        rows.push(row);
      }
    });
  } catch (error) {
    throw listingError(file, `cannot read its rows (${firstLine(error)})`);
  } finally {
    duck.close();
  }
  return rows;
}
