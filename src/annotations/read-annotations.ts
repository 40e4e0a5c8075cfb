import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DatasetError } from '../errors.js';
import { readTextFile } from '../labels/name-list.js';
import { nfc } from '../scan/clip-name.js';
import { AnnotationTable } from './annotation-table.js';
import { normalizeSplit, SPLIT_NAMES } from './split-names.js';

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
  // Each record goes into the table as it is read, and none is kept; labels and splits repeat, so each
  // spelling is normalised once.
  const labels = new Map<string, string | null>();
  const splits = new Map<string, string | null>();
  forEachRecord(text, file, option, record => {
    const line = ++records;
    if (at === undefined) {
      at = columnsOf(record, file, option);
      return;
    }
    const youtubeId = (record[at.id] ?? '').trim();
    if (youtubeId === '')
      throw new DatasetError(`${option} ${file}: row ${line} has no youtube_id`, 'fix or remove the row');
    const timeStart = seconds(record[at.start], 'time_start', line, file, option);
    const timeEnd = seconds(record[at.end], 'time_end', line, file, option);
    // Labels are NFC (rule v2), as class folder names are read.
    const label = at.label < 0 ? null : cached(labels, record[at.label] ?? '', given => own(nfc(given.trim())) || null);
    const split =
      at.split < 0
        ? fileSplit
        : cached(splits, record[at.split] ?? '', given => own(normalizeSplit(given)) || fileSplit);
    table.add(youtubeId, timeStart, timeEnd, label, split, recordAs);
  });
  if (at === undefined) columnsOf([], file, option);
  return { file: recordAs, rows: Math.max(records - 1, 0), hasLabels: (at?.label ?? -1) >= 0 };
}

/** What `map` holds for `key`, made by `make` the first time. */
function cached<V>(map: Map<string, V>, key: string, make: (key: string) => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = make(key);
  map.set(key, value);
  return value;
}

/**
 * A copy of a string that shares nothing with the text it was cut from: V8 keeps a cut of a long string as a
 * view of the whole, and a label kept for the run would keep the whole file's text with it.
 */
function own(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

const QUOTE = 34;
const COMMA = 44;
// How much text, about, csv-parse reads at once from a record not split here on: a parse a record cost
// more than csv-parse's reading of the file, and a parse of the rest of it would keep all its arrays at once.
const RUN_CHARS = 1 << 20;

/**
 * Hands each record of a CSV to `onRecord`, as csv-parse reads it (a BOM dropped, empty lines skipped, any
 * number of fields): a line of plain fields, or of fields wholly quoted with no quote inside, is split here,
 * and any other record (an escaped quote, a field across lines) is read by csv-parse, with the lines after it
 * up to about a megabyte, so quoting means what it always meant. Splitting by hand reads a 545,000-row file
 * in a third of the time csv-parse takes.
 */
export function forEachRecord(text: string, file: string, option: string, onRecord: (record: string[]) => void): void {
  // `line`: the file's line the chunk begins on, or 0 for the whole file, whose BOM only csv-parse drops: one
  // at the start of a later line is text, as it always was (csv-parse refuses it before a quote).
  const parsed = (chunk: string, line: number): void => {
    let records: string[][];
    try {
      // Lines split here may end in LF or CRLF in one file, so a run's may too; a whole file's end as
      // csv-parse finds they do.
      const ends = line === 0 ? {} : { record_delimiter: ['\r\n', '\n'] };
      records = parse(chunk, { bom: line === 0, skip_empty_lines: true, relax_column_count: true, ...ends });
    } catch (error) {
      throw new DatasetError(
        `${option} ${file}: not a readable CSV (${inFile((error as Error).message, line)})`,
        'give an annotation CSV with a header line',
      );
    }
    for (const record of records) onRecord(record);
  };
  // A lone CR ends lines in old files; csv-parse finds out which ending a file uses, so it reads those.
  if (/\r(?!\n)/.test(text)) {
    parsed(text, 0);
    return;
  }
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  // The run of lines csv-parse is to read (see RUN_CHARS): where it began, its line, where it ends so far, and
  // the quotes in it.
  let run = -1;
  let runLine = 0;
  let runStop = 0;
  let quotes = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    line++;
    const from = start;
    start = end + 1;
    // A run takes lines until it is long enough, and then until it ends outside a quoted field.
    if (run >= 0 && (quotes % 2 === 1 || runStop - run < RUN_CHARS)) {
      quotes += quotesIn(text, from, stop);
      runStop = stop;
      continue;
    }
    if (run >= 0) parsed(text.slice(run, runStop), runLine);
    run = -1;
    if (stop === from) continue;
    const fields = splitLine(text, from, stop);
    if (fields !== null) {
      onRecord(fields);
      continue;
    }
    run = from;
    runLine = line;
    runStop = stop;
    quotes = quotesIn(text, from, stop);
  }
  // A quote never closed: csv-parse says so.
  if (run >= 0) parsed(text.slice(run, quotes % 2 === 1 ? text.length : runStop), runLine);
}

/** csv-parse's message, whose line is counted from the chunk's start, with the file's line: `line` is the first. */
function inFile(message: string, line: number): string {
  const first = message.split('\n')[0] ?? '';
  if (line <= 1) return first;
  return first.replace(/\bat line (\d+)/, (_, n: string) => `at line ${line - 1 + Number(n)}`);
}

/**
 * The quotes between `from` and `to`. Not by indexOf, which looks on past `to` for the next quote: a line
 * within a quoted field, or a run, would have looked through the rest of a file without quotes, each line.
 */
function quotesIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === QUOTE) n++;
  return n;
}

/** The fields of a simple line (see forEachRecord), or null when csv-parse must read it. */
function splitLine(text: string, from: number, to: number): string[] | null {
  const fields: string[] = [];
  let at = from;
  for (;;) {
    if (at < to && text.charCodeAt(at) === QUOTE) {
      const close = text.indexOf('"', at + 1);
      if (close < 0 || close >= to || (close + 1 < to && text.charCodeAt(close + 1) !== COMMA)) return null;
      fields.push(text.slice(at + 1, close));
      if (close + 1 >= to) return fields;
      at = close + 2;
      continue;
    }
    let comma = at;
    for (let code = text.charCodeAt(comma); comma < to && code !== COMMA; code = text.charCodeAt(++comma))
      if (code === QUOTE) return null;
    fields.push(text.slice(at, comma));
    if (comma >= to) return fields;
    at = comma + 1;
  }
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
