import { sqlText } from '../engine/duckdb.js';

// The queries that read a Parquet index's head, in a module that imports nothing heavy: the command line runs
// them early (engine/early-duck.ts), and the reader (parquet-index.ts) finds their answers by their text.

/** The key of the Parquet key-value metadata that holds a k400-slice index's header. */
export const HEADER_KEY = 'k400_slice_index';

/** The Parquet file's key-value metadata, as text. */
export function keyValueSql(path: string): string {
  return `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${sqlText(path)})`;
}

/** The names and types of the Parquet file's columns. */
export function columnsSql(path: string): string {
  return `DESCRIBE SELECT * FROM read_parquet(${sqlText(path)})`;
}

/** The Parquet file as a table of its rows. */
export function parquetTable(path: string): string {
  return `read_parquet(${sqlText(path)})`;
}
