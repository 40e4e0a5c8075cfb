import { statSync } from 'node:fs';
import { describeSize } from '../api/describe.js';
import { knownClasses, type PreparedSlice, resolveClasses } from '../api/slice.js';
import { openDuck } from '../engine/duckdb.js';
import { readJsonlHeader } from '../engine/index-table.js';
import { UsageError } from '../errors.js';
import { sizeSpecOf } from '../options/slice-options.js';
import { SELECTION_RULE } from '../select/clip-key.js';
import { indexInput, isIndexFile } from '../source/index-file.js';
import { type IndexHeader, readParquetHeader } from '../source/parquet-index.js';
import { isParquetFile } from '../source/parquet-magic.js';
import { assembleSource, restrictSource } from '../source/source.js';
import { type DialectName, dialects } from './dialects.js';
import { type SelectionSpec, selectionSql } from './selection-sql.js';

/** Slice options that happen after the selection, or need files the query cannot read: never in the SQL. */
export const NOT_IN_SQL: readonly {
  readonly key: keyof PreparedSlice['options'];
  readonly flag: string;
  readonly why: string;
}[] = [
  { key: 'shuffle', flag: '--shuffle', why: 'it orders rows after the selection' },
  { key: 'splits', flag: '--splits', why: 'it divides the selected rows after the selection' },
  { key: 'shards', flag: '--shards', why: 'it divides the selected rows after the selection' },
  { key: 'relabel', flag: '--relabel', why: 'label indices over the selected classes are given by the manifest' },
  { key: 'labelMap', flag: '--label-map', why: 'label indices from a file are given by the manifest' },
  { key: 'labelStyle', flag: '--label-style', why: 'spellings are given by the manifest' },
  { key: 'idsFile', flag: '--ids-file', why: 'the query cannot read the list' },
  { key: 'excludeIdsFile', flag: '--exclude-ids-file', why: 'the query cannot read the list' },
  { key: 'minDuration', flag: '--min-duration', why: 'probe filters are not part of the query' },
  { key: 'minFrames', flag: '--min-frames', why: 'probe filters are not part of the query' },
];

/** Fails, naming the first option given that no query carries (values as parsed, or as the command line gave them). */
export function refuseNotInSql(values: Readonly<Record<string, unknown>>): void {
  const refused = NOT_IN_SQL.find(o => values[o.key] !== undefined && values[o.key] !== false);
  if (refused !== undefined)
    throw new UsageError(
      `${refused.flag} cannot be expressed by k400-slice sql: ${refused.why}`,
      'drop it, or use k400-slice slice --engine duckdb',
    );
}

/**
 * The query that selects a slice's clips from a table of the index columns, in `dialect`. The class list
 * (for label_index) and the spelling of class names come from the index header, never from the rows.
 */
export async function printSql(
  prepared: PreparedSlice,
  dialect: DialectName,
  table: string | undefined,
): Promise<string> {
  const { options } = prepared;
  refuseNotInSql(options);
  const path = options.source ?? '';
  const file = path !== '' && statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  const parquet = file && isParquetFile(path);
  if (!parquet && !(file && isIndexFile(path)))
    throw new UsageError(
      `k400-slice sql reads the class list from an index, and '${path}' is not one`,
      'make one with k400-slice scan ROOT -o INDEX.parquet',
    );
  let header: IndexHeader;
  if (parquet) {
    const duck = await openDuck();
    try {
      header = await readParquetHeader(duck, path, path);
    } finally {
      duck.close();
    }
  } else header = readJsonlHeader(path, path);
  const source = restrictSource(assembleSource({ ...indexInput(header, path), split: undefined }), options.split);
  const { include, exclude } = resolveClasses(prepared, source, false);
  const size = sizeSpecOf(options);
  const spec: SelectionSpec = {
    seed: options.seed,
    size,
    splits: options.split === undefined ? undefined : source.splits,
    include,
    exclude,
    classes: source.classes,
    probed: header.probed,
    // An annotated index sizes its classes by their annotated rows (rule v2), which its header counts.
    known: knownClasses(source, true, include, exclude),
  };
  const from =
    table ?? (dialect === 'duckdb' && parquet ? `read_parquet(${dialects.duckdb.text(path)})` : 'k400_index');
  const comment = [
    `-- k400-slice sql --dialect ${dialect}: ${describeSize(size).flag}, seed ${JSON.stringify(options.seed)}`,
    `-- selection rule ${SELECTION_RULE.name} version ${SELECTION_RULE.version}; rows in manifest order`,
  ];
  return `${comment.join('\n')}\n${selectionSql(spec, dialects[dialect], from)};\n`;
}
