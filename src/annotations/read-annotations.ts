import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DatasetError } from '../errors.js';
import { readTextFile } from '../labels/name-list.js';
import { kineticsClipId, nfc } from '../scan/clip-name.js';

/** One row of a Kinetics annotation CSV: one clip, named by its youtube id and time window. */
export interface AnnotationRow {
  readonly clipId: string;
  readonly label: string | null;
  readonly youtubeId: string;
  readonly timeStart: number;
  readonly timeEnd: number;
  readonly split: string | null;
  /** The file it came from, as given. */
  readonly file: string;
}

export interface AnnotationFile {
  readonly file: string;
  readonly rows: AnnotationRow[];
  /** False for files without a `label` column (the test CSVs). */
  readonly hasLabels: boolean;
}

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

/**
 * Reads an annotation CSV in any dialect in use: `label,youtube_id,time_start,time_end,split` with or
 * without `is_cc`; labels quoted only when they hold spaces (official), every text field quoted (pandas
 * QUOTE_NONNUMERIC), or nothing quoted; `val` or `validate`; no `label` column (test files); CRLF, a BOM, no
 * final newline; times as `13` or `13.0`. Without a `split` column the split comes from the file name.
 */
export function readAnnotationFile(file: string, option = '--annotations'): AnnotationFile {
  const text = readTextFile(file, option);
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    throw new DatasetError(
      `${option} ${file}: not a readable CSV (${(error as Error).message})`,
      'give an annotation CSV with a header line',
    );
  }
  const header = (records[0] ?? []).map(name => name.trim().toLowerCase());
  const column = (name: string): number => header.indexOf(name);
  const [labelAt, idAt, startAt, endAt, splitAt] = ['label', 'youtube_id', 'time_start', 'time_end', 'split'].map(
    column,
  ) as [number, number, number, number, number];
  const lacking = (['youtube_id', 'time_start', 'time_end'] as const).filter(name => column(name) < 0);
  if (lacking.length > 0) {
    throw new DatasetError(
      `${option} ${file}: no ${lacking.join(', ')} column in the header`,
      'the header must name youtube_id, time_start, time_end (and label, split)',
    );
  }
  const fileSplit = SPLIT_NAMES[basename(file, extname(file)).toLowerCase()] ?? null;
  const rows = records.slice(1).map((record, i): AnnotationRow => {
    const line = i + 2;
    const youtubeId = (record[idAt] ?? '').trim();
    if (youtubeId === '')
      throw new DatasetError(`${option} ${file}: row ${line} has no youtube_id`, 'fix or remove the row');
    const timeStart = seconds(record[startAt], 'time_start', line, file, option);
    const timeEnd = seconds(record[endAt], 'time_end', line, file, option);
    // Labels are NFC (rule v2), as class folder names are read.
    const label = labelAt < 0 ? null : nfc((record[labelAt] ?? '').trim()) || null;
    const split = splitAt < 0 ? fileSplit : normalizeSplit(record[splitAt] ?? '') || fileSplit;
    return { clipId: kineticsClipId(youtubeId, timeStart, timeEnd), label, youtubeId, timeStart, timeEnd, split, file };
  });
  return { file, rows, hasLabels: labelAt >= 0 };
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
