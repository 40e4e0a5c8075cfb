import { Command, Option } from 'commander';
import { prepareSlice } from '../api/slice.js';
import type { Io } from '../io.js';
import { sliceOptionsSchema } from '../options/slice-options.js';
import { cliName, parseWith } from '../options/validation.js';
import { DIALECT_NAMES, type DialectName } from '../sql/dialects.js';
import { NOT_IN_SQL, printSql, refuseNotInSql } from '../sql/print-sql.js';
import { collect } from './source-options.js';

const EXAMPLES = `
Examples:
  The query DuckDB runs for --percent 10, over the Parquet index itself:
    k400-slice sql k400.index.parquet --percent 10 --dialect duckdb
  The same clips from a Spark table of the index columns:
    k400-slice sql k400.index.parquet --percent 10 --dialect spark --table lake.k400_index
  PostgreSQL, 50 clips of every class of the val split:
    k400-slice sql k400.index.jsonl --split val --per-class 50 --dialect postgres --table k400_index

Rows come in manifest order (split, label, clip id by their bytes), with label_index from the index's class
list and each clip's selection_key. Options applied after the selection (${NOT_IN_SQL.map(o => o.flag).join(', ')})
are refused.

Exit codes: 0 query printed; 2 usage or input error.
`;

/** `k400-slice sql`: prints the query that selects a slice's clips, for other engines. */
export function sqlCommand(io: Io): Command {
  const command = new Command('sql')
    .description(
      'Print the SQL query that selects the same clips as a slice, for DuckDB, Spark, BigQuery, Trino or PostgreSQL.',
    )
    .argument('<index>', 'an index from k400-slice scan (Parquet or JSONL): the class list comes from its header')
    .addOption(new Option('--dialect <name>', 'SQL dialect (default: duckdb)').choices(DIALECT_NAMES).default('duckdb'))
    .option('--table <name>', 'table to select from (default: read_parquet(INDEX) for duckdb, else k400_index)')
    .option('--seed <text>', 'seed of the selection; any text (default: 0)')
    .option('--split <name>', 'select from this split only')
    .option('--classes <list>', 'keep only these classes, comma-separated, any spelling; repeatable', collect)
    .option('--classes-file <file>', 'keep only the classes listed in a file')
    .option('--exclude-classes <list>', 'drop these classes; repeatable', collect)
    .option('--exclude-classes-file <file>', 'drop the classes listed in a file')
    .option('--percent <P>', 'keep P% of every class, 0 < P <= 100, rounded half up')
    .option('--min-per-class <m>', 'with --percent, keep at least m clips of every class (default: 1)')
    .option('--per-class <N>', 'keep N clips of every class (all of a smaller class)')
    .option('--count <N>', 'keep N clips in all')
    .option('--stratified', 'with --count, share N across classes in proportion to their size')
    .option('--allow-fewer', 'accepted for symmetry with slice: the query takes at most N whatever it finds');
  // Slice options the query cannot carry are accepted, so that refusing them can say why.
  for (const o of NOT_IN_SQL) {
    const name = o.flag.slice(2);
    const takesValue = !['shuffle', 'relabel'].includes(name);
    command.addOption(new Option(takesValue ? `${o.flag} <value>` : o.flag, `(refused: ${o.why})`).hideHelp());
  }
  return command.addHelpText('after', EXAMPLES).action(async (given: string, raw: Record<string, unknown>) => {
    const { dialect, table, ...rest } = raw as { dialect: DialectName; table?: string } & Record<string, unknown>;
    refuseNotInSql(rest);
    const options = parseWith(sliceOptionsSchema, { source: given, ...rest }, cliName);
    const prepared = prepareSlice(options, { checkOutputs: false });
    io.stdout(await printSql(prepared, dialect, table));
  });
}
