import type { Duck } from './duckdb.js';

/** A column of a literal table: its name and DuckDB type. */
export interface LiteralColumn {
  readonly name: string;
  readonly type: 'VARCHAR' | 'INTEGER' | 'BIGINT';
}

/**
 * Rows of literals (a class's quota, a stratum's number and label) as a table of `duck`'s database, filled by
 * DuckDB's appender, for a query to join by `name`. The same rows written as a VALUES list, a row a class,
 * took DuckDB 50 to 70 ms to parse, bind and optimize with the 1,288 strata of the bench's 650,000-clip index:
 * a tenth of the query they were part of. Made anew (OR REPLACE) when a plan that failed made it before.
 */
export async function literalTable(
  duck: Duck,
  name: string,
  columns: readonly LiteralColumn[],
  rows: readonly (readonly (string | number | null)[])[],
): Promise<string> {
  await duck.run(`CREATE OR REPLACE TABLE ${name} (${columns.map(c => `${c.name} ${c.type}`).join(', ')})`);
  const kinds = columns.map(c => (c.type === 'VARCHAR' ? 'text' : 'int'));
  await duck.append(name, row => {
    for (const cells of rows) row.values(cells, kinds);
  });
  return name;
}

/** The columns of a table of strata: a split and a label, NULL where the index has none. */
export const STRATUM_COLUMNS: readonly LiteralColumn[] = [
  { name: 'split', type: 'VARCHAR' },
  { name: 'label', type: 'VARCHAR' },
];
