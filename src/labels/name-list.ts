import { parse } from 'csv-parse/sync';
import { DatasetError } from '../errors.js';
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
 * A class list: one name per line (blank lines and `#` comments skipped, surrounding spaces trimmed),
 * or a CSV with an `id,name` header (the published Kinetics label files).
 */
export function readNameList(path: string, option: string): NameEntry[] {
  const text = readTextFile(path, option);
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex(line => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (first >= 0 && /^id\s*,\s*name\s*$/i.test((lines[first] as string).trim()))
    return readIdNameCsv(text, path, option);
  const entries: NameEntry[] = [];
  lines.forEach((line, i) => {
    const name = line.trim();
    if (name !== '' && !name.startsWith('#')) entries.push({ name, id: null, line: i + 1 });
  });
  return entries;
}

function readIdNameCsv(text: string, path: string, option: string): NameEntry[] {
  let records: { id: string; name: string }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map(h => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      comment: '#',
    });
  } catch (error) {
    throw new DatasetError(
      `${option} ${path}: not a valid CSV (${(error as Error).message})`,
      'use one class name per line, or an id,name CSV',
    );
  }
  return records.map((record, i) => {
    if (!/^\d+$/.test(record.id)) {
      throw new DatasetError(
        `${option} ${path}: row ${i + 1} has id '${record.id}'`,
        'ids must be whole numbers from 0',
      );
    }
    return { name: record.name, id: Number(record.id), line: i + 2 };
  });
}
