import { closeSync, openSync, readSync } from 'node:fs';
import { DatasetError } from '../errors.js';
import { parquetTable } from '../source/parquet-head-sql.js';
import {
  INDEX_COLUMNS,
  type IndexHeader,
  parquetIndexColumns,
  parseIndexHeader,
  readParquetHeader,
} from '../source/parquet-index.js';
import { isParquetFile } from '../source/parquet-magic.js';
import { type Duck, sqlText } from './duckdb.js';

/** An index as DuckDB sees it: a table expression of the index columns, and the index's header. */
export interface IndexTable {
  readonly table: string;
  /** A Parquet index's table with each row's number in the file, `file_row_number`; none for JSONL. */
  readonly numbered?: string;
  readonly header: IndexHeader;
}

/**
 * Opens a Parquet or JSONL index for queries. A JSONL index is read by DuckDB's JSON reader with the columns
 * named, so its header line arrives as a row of NULLs, left out by its missing clip id.
 */
export async function openIndexTable(duck: Duck, path: string, file: string): Promise<IndexTable> {
  if (isParquetFile(path)) {
    const header = await readParquetHeader(duck, path, file);
    const table = parquetTable(path);
    // DuckDB numbers the rows only of a file with no column of that name (an index made elsewhere may have one).
    if ((await parquetIndexColumns(duck, path, file)).has('file_row_number')) return { table, header };
    return { table, numbered: `read_parquet(${sqlText(path)}, file_row_number = true)`, header };
  }
  const header = readJsonlHeader(path, file);
  const columns = INDEX_COLUMNS.map(c => `${c.name}: ${sqlText(c.sql)}`).join(', ');
  return {
    table:
      `(SELECT * FROM read_json(${sqlText(path)}, format = 'newline_delimited', columns = {${columns}})` +
      ' WHERE clip_id IS NOT NULL)',
    header,
  };
}

/** The header line of a JSONL index. */
export function readJsonlHeader(path: string, file: string): IndexHeader {
  return parseIndexHeader(firstLine(path, file), file);
}

/** The first line of a file, read a block at a time: the header of an index of 650,000 clips is a few kB. */
function firstLine(path: string, file: string): string {
  const fd = openSync(path, 'r');
  const block = Buffer.allocUnsafe(64 * 1024);
  const pieces: Buffer[] = [];
  try {
    for (let at = 0; ; ) {
      const got = readSync(fd, block, 0, block.length, at);
      if (got <= 0) break;
      const end = block.subarray(0, got).indexOf(10);
      pieces.push(Buffer.from(block.subarray(0, end < 0 ? got : end)));
      if (end >= 0) break;
      at += got;
      // A header is a few kB; one that runs on is a damaged index, not something to hold.
      if (at > 16 * 1024 * 1024)
        throw new DatasetError(`index ${file}: its header line runs past 16 MiB`, 'make it again with k400-slice scan');
    }
  } finally {
    closeSync(fd);
  }
  if (pieces.length === 0) throw new DatasetError(`index ${file} is empty`, 'make it again with k400-slice scan');
  return Buffer.concat(pieces).toString('utf8');
}

/**
 * The fingerprint of the clips `where` keeps, summed by DuckDB as fingerprint.ts sums it: MD5 of
 * `<clip id>\t<size>` as four 32-bit lanes, each lane summed exactly, then carried modulo 2^128.
 */
export async function fingerprintSql(duck: Duck, table: string, where: string): Promise<string> {
  const digest = `md5(clip_id || chr(9) || COALESCE(CAST(size_bytes AS VARCHAR), ''))`;
  const lanes = [0, 1, 2, 3].map(
    i => `CAST(SUM(CAST('0x' || substr(${digest}, ${8 * i + 1}, 8) AS UBIGINT)) AS VARCHAR) AS lane${i}`,
  );
  const [row] = await duck.rows(`SELECT ${lanes.join(', ')} FROM ${table} WHERE ${where}`);
  let sum = 0n;
  for (let i = 0; i < 4; i++) sum += BigInt(String(row?.[`lane${i}`] ?? '0')) << BigInt(32 * (3 - i));
  return `md5-sum:${(sum % (1n << 128n)).toString(16).padStart(32, '0')}`;
}
