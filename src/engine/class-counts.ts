import { dialects } from '../sql/dialects.js';
import { filterConditions } from '../sql/selection-sql.js';

// A module that imports nothing heavy: the command line runs this query early (engine/early-duck.ts).

/**
 * The query that counts, per (split, class) of the rows `inSplit` keeps, every row (`total`) and the rows left
 * after each filter that does not depend on the class, in turn (`s0`, `s1`, ...: `filters` of them).
 */
export function classCountsSql(table: string, inSplit: string, probed: boolean): { sql: string; filters: number } {
  const fileFilters = filterConditions({ include: [], exclude: [], probed }, dialects.duckdb);
  let passing = 'TRUE';
  const counted = fileFilters.map((f, i) => {
    passing = `${passing} AND ${f.sql}`;
    return `COUNT(*) FILTER (WHERE ${passing}) AS s${i}`;
  });
  return {
    sql: `SELECT split, label, COUNT(*) AS total, ${counted.join(', ')} FROM ${table} WHERE ${inSplit} GROUP BY ALL`,
    filters: fileFilters.length,
  };
}
