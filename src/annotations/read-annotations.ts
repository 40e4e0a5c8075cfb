import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DatasetError } from '../errors.js';
import { readTextFile } from '../labels/name-list.js';
import { nfc } from '../scan/clip-name.js';
import { AnnotationTable } from './annotation-table.js';

/** One annotation file read: its name as recorded, how many rows it gave, and whether it has labels. */
export interface AnnotationFile {
  readonly file: string;
  readonly rows: number;
  /** False for files without a `label` column (the test CSVs). */
  readonly hasLabels: boolean;
}

/** Annotation files read into one table, their rows in the order the files were given. */
export interface Annotations {
  readonly table: AnnotationTable;
  readonly files: readonly AnnotationFile[];
}

/** A file to read, and the name to record it by when that is not the path read (a CVDF root's own files). */
export type AnnotationInput = string | { readonly read: string; readonly recordAs: string };

const SPLIT_NAMES: Record<string, string> = {
  train: 'train',
  val: 'val',
  validate: 'val',
  validation: 'val',
  test: 'test',
};

/** DeepMind's later files say `validate` where the CVDF ones say `val`: both mean the one split `val`. */
export function normalizeSplit(split: string): string {
  return SPLIT_NAMES[split.trim().toLowerCase()] ?? split.trim();
}

/** What a source records of its annotation files: their names, and those without labels that gave rows. */
export function recordedFiles(annotations: Annotations): { annotations: string[]; unlabeled: string[] } {
  return {
    annotations: annotations.files.map(file => file.file),
    unlabeled: annotations.files.filter(file => !file.hasLabels && file.rows > 0).map(file => file.file),
  };
}

/** Reads annotation CSVs (see readAnnotationFile) into one table. */
export function readAnnotations(inputs: readonly AnnotationInput[], option = '--annotations'): Annotations {
  const table = new AnnotationTable();
  const files = inputs.map(input => readInto(table, input, option));
  return { table: table.seal(), files };
}

/**
 * Reads an annotation CSV in any dialect in use: `label,youtube_id,time_start,time_end,split` with or
 * without `is_cc`; labels quoted only when they hold spaces (official), every text field quoted (pandas
 * QUOTE_NONNUMERIC), or nothing quoted; `val` or `validate`; no `label` column (test files); CRLF, a BOM, no
 * final newline; times as `13` or `13.0`. Without a `split` column the split comes from the file name.
 */
export function readAnnotationFile(file: string, option = '--annotations'): Annotations {
  return readAnnotations([file], option);
}

function readInto(table: AnnotationTable, input: AnnotationInput, option: string): AnnotationFile {
  const file = typeof input === 'string' ? input : input.read;
  const recordAs = typeof input === 'string' ? input : input.recordAs;
  const text = readTextFile(file, option);
  const fileSplit = SPLIT_NAMES[basename(file, extname(file)).toLowerCase()] ?? null;
  let at: { label: number; id: number; start: number; end: number; split: number } | undefined;
  let records = 0;
  // Each record goes into the table as it is parsed, and none is kept: csv-parse's arrays of a large file
  // held more than the table does.
  const onRecord = (record: string[]): null => {
    const line = ++records;
    if (at === undefined) {
      at = columnsOf(record, file, option);
      return null;
    }
    const youtubeId = (record[at.id] ?? '').trim();
    if (youtubeId === '')
      throw new DatasetError(`${option} ${file}: row ${line} has no youtube_id`, 'fix or remove the row');
    const timeStart = seconds(record[at.start], 'time_start', line, file, option);
    const timeEnd = seconds(record[at.end], 'time_end', line, file, option);
    // Labels are NFC (rule v2), as class folder names are read.
    const label = at.label < 0 ? null : nfc((record[at.label] ?? '').trim()) || null;
    const split = at.split < 0 ? fileSplit : normalizeSplit(record[at.split] ?? '') || fileSplit;
    table.add(youtubeId, timeStart, timeEnd, label, split, recordAs);
    return null;
  };
  try {
    parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, on_record: onRecord });
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(
      `${option} ${file}: not a readable CSV (${(error as Error).message})`,
      'give an annotation CSV with a header line',
    );
  }
  if (at === undefined) columnsOf([], file, option);
  return { file: recordAs, rows: Math.max(records - 1, 0), hasLabels: (at?.label ?? -1) >= 0 };
}

/** Where a header puts each column the reader uses; a header without the three it needs is refused. */
function columnsOf(record: readonly string[], file: string, option: string) {
  const header = record.map(name => name.trim().toLowerCase());
  const lacking = (['youtube_id', 'time_start', 'time_end'] as const).filter(name => !header.includes(name));
  if (lacking.length > 0) {
    throw new DatasetError(
      `${option} ${file}: no ${lacking.join(', ')} column in the header`,
      'the header must name youtube_id, time_start, time_end (and label, split)',
    );
  }
  const [label, id, start, end, split] = ['label', 'youtube_id', 'time_start', 'time_end', 'split'].map(name =>
    header.indexOf(name),
  ) as [number, number, number, number, number];
  return { label, id, start, end, split };
}

function seconds(text: string | undefined, name: string, line: number, file: string, option: string): number {
  const value = Number((text ?? '').trim());
  if ((text ?? '').trim() === '' || !Number.isInteger(value) || value < 0) {
    throw new DatasetError(
      `${option} ${file}: row ${line} has ${name} '${text ?? ''}'`,
      'times must be whole seconds (13 or 13.0)',
    );
  }
  return value;
}
