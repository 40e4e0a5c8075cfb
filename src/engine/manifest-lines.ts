import type { ManifestColumn } from '../manifest/columns.js';
import { dialects } from '../sql/dialects.js';
import { inputColumns } from '../sql/selection-sql.js';
import type { Duck } from './duckdb.js';
import { literalTable, STRATUM_COLUMNS } from './literal-table.js';

/**
 * What a writer needs to have DuckDB make its manifest lines (see ManifestWriter.sqlLine): the SQL of a line
 * from the text of its cells, and what the JavaScript side would put in the cells that do not come from the
 * row: each class's spelling and label_index, and the prefix of `--absolute` paths.
 */
export interface LineSpec {
  /** The line of a row from its cells' text (NULL for an empty cell), or NULL where the writer renders it itself. */
  readonly line: (cells: Readonly<Record<ManifestColumn, string>>) => string;
  /** For each stratum of the slice, in order: its label as the manifest spells it, and its label_index. */
  readonly labels: readonly { readonly text: string | null; readonly index: number | null }[];
  /** What goes before each path (empty unless --absolute). */
  readonly prefix: string;
}

/** Column types whose values JavaScript reads as the same number (DuckDB's names, as typeof() gives them). */
const NUMERIC_TYPES = ['DOUBLE', 'FLOAT', 'BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'UBIGINT', 'UINTEGER'];

/** The column of a row's stratum, as `orderedRowsSql` numbers them: 0 for the first of `strata`. */
export const STRATUM_COLUMN = 'k400_stratum';
/** The column of a row's manifest line, when `orderedRowsSql` is given a LineSpec. */
export const LINE_COLUMN = 'k400_line';

/**
 * The strata of a slice, in order, as a table of `duck`'s for orderedRowsSql: each with its number (0 for the
 * first), and with `lines`, its label as the manifest spells it and its label_index. Returns its name.
 */
export function strataTable(
  duck: Duck,
  strata: readonly { readonly split: string | null; readonly label: string | null }[],
  lines?: LineSpec,
): Promise<string> {
  const rows = strata.map((s, i) => {
    const label = lines?.labels[i];
    const index = label?.index ?? null;
    return [i, s.split, s.label, label?.text ?? null, index === null ? null : String(index)];
  });
  const columns = [
    // INTEGER: a row's stratum arrives in JavaScript as a number, where a BIGINT would arrive as a bigint.
    { name: 'ordinal', type: 'INTEGER' },
    ...STRATUM_COLUMNS,
    { name: 'label_text', type: 'VARCHAR' },
    { name: 'label_index', type: 'VARCHAR' },
  ] as const;
  return literalTable(duck, 'k400_strata', columns, rows);
}

/**
 * The rows of `rows` (a query of the index columns, unordered) in manifest order (split, label, clip id, then
 * path, each by its bytes), each with the number of its stratum in `strata` (the table strataTable made; NULL
 * for a row of no stratum); with `lines` (the LineSpec that table was made with), each with its manifest line
 * too, made by DuckDB. The JavaScript side then only writes them.
 *
 * With `blocks` (and `lines`), the rows come joined `blocks` at a time instead: each block's lines as the
 * UTF-8 bytes of one text (lacking any line DuckDB could not make), its rows, how many lines it made, and how
 * many of its rows each stratum has (a map by stratum number, which leaves out rows of no stratum).
 *
 * A number cell is made only from a number column's integer of at most 2^53 (any other the writer renders as
 * JavaScript prints it), so a line made here is exactly the one the writer would have made.
 */
export function orderedRowsSql(
  rows: string,
  strata: string,
  probed: boolean,
  lines?: LineSpec,
  blocks?: number,
): string {
  const d = dialects.duckdb;
  const columns = inputColumns({ probed }).map(c => `q.${c}`);
  const select = [...columns, `strata.ordinal AS ${STRATUM_COLUMN}`];
  if (lines !== undefined) {
    // JavaScript prints an integer exactly up to 2^53; above, as the nearest double's shortest form. A column of
    // another type (a hand-made index) is left to the writer: TRY_CAST only lets the query bind.
    const whole = (column: string): string => {
      const c = `TRY_CAST(q.${column} AS DOUBLE)`;
      const numeric = `typeof(q.${column}) IN (${NUMERIC_TYPES.map(t => `'${t}'`).join(', ')})`;
      const integral = `isfinite(${c}) AND ${c} = trunc(${c}) AND abs(${c}) <= ${2 ** 53}`;
      return `(q.${column} IS NULL OR (${numeric} AND ${integral}))`;
    };
    const integer = (column: string): string => `CAST(TRY_CAST(q.${column} AS BIGINT) AS VARCHAR)`;
    const cells: Record<ManifestColumn, string> = {
      path: lines.prefix === '' ? 'q.path' : `${d.text(lines.prefix)} || q.path`,
      label: 'strata.label_text',
      label_index: 'strata.label_index',
      clip_id: 'q.clip_id',
      youtube_id: 'q.youtube_id',
      time_start: integer('time_start'),
      time_end: integer('time_end'),
      split: 'q.split',
    };
    // A missing path or clip id reads as text on the JavaScript side ("null"): it renders those rows itself.
    const plain = ['q.path IS NOT NULL', 'q.clip_id IS NOT NULL', whole('time_start'), whole('time_end')];
    select.unshift(`CASE WHEN ${plain.join(' AND ')} THEN ${lines.line(cells)} END AS ${LINE_COLUMN}`);
  }
  // The strata's own order (the JavaScript engine's: split, then label), then clip id and path by their bytes,
  // as orderRows has them. An integer sorts faster than the split and label texts it stands for; a row of no
  // stratum (none should be) comes first, where the checks of the caller find it.
  const order = `strata.ordinal NULLS FIRST, ${d.bytes('q.clip_id')}, ${d.bytes('q.path')}`;
  const from = [
    `FROM (\n${rows}\n) AS q`,
    `LEFT JOIN ${strata} AS strata`,
    `  ON ${d.same('q.split', 'strata.split')} AND ${d.same('q.label', 'strata.label')}`,
  ];
  if (blocks === undefined) return [`SELECT ${select.join(', ')}`, ...from, `ORDER BY ${order}`].join('\n');
  // Numbered in manifest order, then joined a block at a time: a few dozen strings cross into JavaScript
  // rather than one a row (at 65,000 rows, 45 ms less), with how many rows of each stratum a block holds (in
  // order of the strata, as the rows are), to check: a list of each row's stratum took 15 to 20 ms to read.
  const numbered = [`SELECT row_number() OVER (ORDER BY ${order}) - 1 AS k400_row, ${select.join(', ')}`, ...from];
  return [
    // As UTF-8 bytes, which the manifest is written as: no text made in JavaScript to be encoded again.
    `SELECT encode(string_agg(${LINE_COLUMN}, '' ORDER BY k400_row)) AS ${LINE_COLUMN},`,
    `  COUNT(*) AS ${ROWS_COLUMN}, COUNT(${LINE_COLUMN}) AS ${MADE_COLUMN},`,
    `  histogram(${STRATUM_COLUMN}) AS ${STRATUM_COLUMN}`,
    `FROM (\n${numbered.join('\n')}\n)`,
    `GROUP BY k400_row // ${blocks}`,
    `ORDER BY k400_row // ${blocks}`,
  ].join('\n');
}

/** In a query of blocks (see orderedRowsSql): a block's rows, and how many of them have their line made. */
export const ROWS_COLUMN = 'k400_rows';
export const MADE_COLUMN = 'k400_made';
