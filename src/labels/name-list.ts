import { parse } from 'csv-parse/sync';
import { DatasetError, UsageError } from '../errors.js';
import { readInputText } from '../source/input-text.js';

/** One entry of a class list: a name and, for `id,name` CSVs, its id. */
export interface NameEntry {
  readonly name: string;
  readonly id: number | null;
  /** 1-based line number, for messages. */
  readonly line: number;
}

/** Reads a text file, turning a failure into a one-line error that names the option (see readInputText). */
export function readTextFile(path: string, option: string): string {
  return readInputText(path, option);
}

/**
 * A class list: one name per line (blank lines and `#` comments skipped, surrounding spaces trimmed), or a
 * CSV whose header names a `name` (or `label`) column and, for indices, an id column: `id`, the one column
 * named like `k400_id`, or the one `idColumn` names (--label-map-id). The published Kinetics label files are
 * `id,name`; the Mini-Kinetics-200 map is `mini_id,k400_id,name`, where only the user can say which id is
 * meant, so several id columns and no choice is an error that lists them.
 */
export function readNameList(path: string, option: string, idColumn?: string): NameEntry[] {
  const text = readTextFile(path, option);
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex(line => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const header = first >= 0 ? headerOf(lines[first] as string) : null;
  if (header !== null) return readCsvList(text, path, option, header, idColumn);
  if (idColumn !== undefined)
    throw new UsageError(
      `--label-map-id ${idColumn}: ${path} has no CSV header naming its columns`,
      'give a CSV with a header such as id,name, or drop --label-map-id (one name a line is numbered by line)',
    );
  const entries: NameEntry[] = [];
  lines.forEach((line, i) => {
    const name = line.trim();
    if (name !== '' && !name.startsWith('#')) entries.push({ name, id: null, line: i + 1 });
  });
  return entries;
}

const NAME_COLUMNS = ['name', 'label'];

/** The columns of a CSV header line that names the class column; null for a plain list of names. */
function headerOf(line: string): string[] | null {
  if (!line.includes(',')) return null;
  const columns = line.split(',').map(column =>
    column
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase(),
  );
  return columns.some(column => NAME_COLUMNS.includes(column)) ? columns : null;
}

/** Which column holds the ids: the one asked for, `id`, or the only one named like an id; null for none. */
function idColumnOf(
  columns: readonly string[],
  path: string,
  option: string,
  asked: string | undefined,
): string | null {
  const found = columns.join(', ');
  if (asked !== undefined) {
    if (columns.includes(asked.toLowerCase())) return asked.toLowerCase();
    throw new UsageError(
      `--label-map-id ${asked}: ${path} has no such column (found ${found})`,
      `name one of its columns: ${columns.filter(c => !NAME_COLUMNS.includes(c)).join(', ')}`,
    );
  }
  if (columns.includes('id')) return 'id';
  const ids = columns.filter(column => /(^|_)(id|index)$/.test(column));
  if (ids.length <= 1) return ids[0] ?? null;
  throw new UsageError(
    `${option} ${path}: found columns ${found}: ${ids.length} could be the class id`,
    `say which with --label-map-id ${ids[0]} (or ${ids.slice(1).join(', ')})`,
  );
}

function readCsvList(
  text: string,
  path: string,
  option: string,
  header: readonly string[],
  idColumn: string | undefined,
): NameEntry[] {
  const nameColumn = NAME_COLUMNS.find(column => header.includes(column)) as string;
  const id = option === '--label-map' ? idColumnOf(header, path, option, idColumn) : null;
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (columns: string[]) => columns.map(h => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      comment: '#',
      relax_column_count: true,
    });
  } catch (error) {
    throw new DatasetError(
      `${option} ${path}: not a valid CSV (${(error as Error).message})`,
      'use one class name per line, or a CSV with a header such as id,name',
    );
  }
  return records.map((record, i) => {
    const name = record[nameColumn] ?? '';
    if (id === null) return { name, id: null, line: i + 2 };
    const value = record[id] ?? '';
    if (!/^\d+$/.test(value)) {
      throw new DatasetError(
        `${option} ${path}: row ${i + 1} has ${id} '${value}'`,
        'ids must be whole numbers from 0',
      );
    }
    return { name, id: Number(value), line: i + 2 };
  });
}
