/**
 * What differs between the SQL engines that run the selection. Each dialect is one object; the query
 * builder (selection-sql.ts) asks it for these pieces and writes the rest the same way for all.
 */
export interface SqlDialect {
  readonly name: DialectName;
  /** The selection key of `clip_id` for a seed given as an SQL literal of `<seed>:`: 52 bits, as an integer. */
  key(prefix: string): string;
  /** An expression that orders like the UTF-8 bytes of `column` (code-point order), NULLs included. */
  bytes(column: string): string;
  /** Integer division of non-negative integers, rounding down. */
  div(a: string, b: string): string;
  /** NULL-safe equality, for joining strata whose split (or label) is NULL. */
  same(a: string, b: string): string;
  /** A string literal. */
  text(value: string): string;
  /** A two-column table of literals, `(label, label_index)`, named `alias`. */
  classTable(rows: readonly (readonly [string, number])[], alias: string): string;
  /** A three-column table of literals, `(split, label, n)`: the clips an annotated index knows a class by. */
  knownTable(rows: readonly KnownRow[], alias: string): string;
}

/** A class an annotated index knows, and how many annotated rows it has (rule v2 sizes the class by them). */
export interface KnownRow {
  readonly split: string | null;
  readonly label: string;
  readonly count: number;
}

export const DIALECT_NAMES = ['duckdb', 'spark', 'bigquery', 'trino', 'postgres'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** `'it''s'`: the SQL standard's quote doubling, which DuckDB, PostgreSQL and Trino read. */
const standardText = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** `'it\'s'`: Spark and BigQuery read backslash escapes in literals, so backslashes must be escaped too. */
const backslashText = (value: string): string =>
  `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;

const valuesTable =
  (text: (value: string) => string) =>
  (rows: readonly (readonly [string, number])[], alias: string): string =>
    `(VALUES ${rows.map(([label, index]) => `(${text(label)}, ${index})`).join(', ')}) AS ${alias}(label, label_index)`;

/** `(split, label, n)` rows as a VALUES list; a NULL split is typed, for engines that type columns by the first row. */
const valuesKnown =
  (text: (value: string) => string, nullText: string) =>
  (rows: readonly KnownRow[], alias: string): string =>
    `(VALUES ${rows
      .map(r => `(${r.split === null ? nullText : text(r.split)}, ${text(r.label)}, ${r.count})`)
      .join(', ')}) AS ${alias}(split, label, n)`;

export const dialects: { readonly [K in DialectName]: SqlDialect } = {
  duckdb: {
    name: 'duckdb',
    // Not md5_number_upper(): it reads the digest's bytes in reverse order.
    key: prefix => `CAST('0x' || substr(md5(${prefix} || clip_id), 1, 13) AS UBIGINT)`,
    // The C collation compares the UTF-8 bytes, whatever default_collation says, without making a BLOB a row
    // (encode() cost a fifth of the query's time at 650,000 clips; a cast to BLOB refuses non-ASCII text).
    bytes: column => `${column} COLLATE C`,
    div: (a, b) => `(${a}) // (${b})`,
    same: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
    text: standardText,
    classTable: valuesTable(standardText),
    knownTable: valuesKnown(standardText, 'CAST(NULL AS VARCHAR)'),
  },
  postgres: {
    name: 'postgres',
    key: prefix => `('x' || substr(md5(${prefix} || clip_id), 1, 13))::bit(52)::bigint`,
    bytes: column => `${column} COLLATE "C"`,
    div: (a, b) => `(${a}) / (${b})`,
    same: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
    text: standardText,
    classTable: valuesTable(standardText),
    knownTable: valuesKnown(standardText, 'CAST(NULL AS TEXT)'),
  },
  spark: {
    name: 'spark',
    // conv() returns a string: without the cast, keys would sort as text.
    key: prefix => `CAST(conv(substr(md5(${prefix} || clip_id), 1, 13), 16, 10) AS BIGINT)`,
    bytes: column => `CAST(${column} AS BINARY)`,
    div: (a, b) => `(${a}) DIV (${b})`,
    same: (a, b) => `${a} <=> ${b}`,
    text: backslashText,
    classTable: valuesTable(backslashText),
    knownTable: valuesKnown(backslashText, 'CAST(NULL AS STRING)'),
  },
  bigquery: {
    name: 'bigquery',
    key: prefix => `CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(${prefix} || clip_id)), 1, 13)) AS INT64)`,
    bytes: column => `CAST(${column} AS BYTES)`,
    div: (a, b) => `DIV(${a}, ${b})`,
    same: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
    text: backslashText,
    // BigQuery has no VALUES list: an array of structs, unnested.
    classTable: (rows, alias) =>
      `UNNEST([${rows
        .map(([label, index]) => `STRUCT(${backslashText(label)} AS label, ${index} AS label_index)`)
        .join(', ')}]) AS ${alias}`,
    knownTable: (rows, alias) =>
      `UNNEST([${rows
        .map(
          r =>
            `STRUCT(${r.split === null ? 'CAST(NULL AS STRING)' : backslashText(r.split)} AS split, ` +
            `${backslashText(r.label)} AS label, ${r.count} AS n)`,
        )
        .join(', ')}]) AS ${alias}`,
  },
  trino: {
    name: 'trino',
    key: prefix => `from_base(substr(to_hex(md5(to_utf8(${prefix} || clip_id))), 1, 13), 16)`,
    bytes: column => `to_utf8(${column})`,
    div: (a, b) => `(${a}) / (${b})`,
    same: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
    text: standardText,
    classTable: valuesTable(standardText),
    knownTable: valuesKnown(standardText, 'CAST(NULL AS VARCHAR)'),
  },
};
