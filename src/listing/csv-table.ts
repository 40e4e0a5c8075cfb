import { parse } from 'csv-parse/sync';
import { listingError } from './listing.js';
import type { LineSource } from './listing-lines.js';

/** A CSV as rows of fields; quoting, CRLF and a final newline or none are all read. */
export function csvRecords(text: string, file: string, delimiter = ','): string[][] {
  try {
    return parse(text, { skip_empty_lines: true, relax_column_count: true, delimiter }) as string[][];
  } catch (error) {
    throw listingError(file, `not a readable CSV (${(error as Error).message.split('\n')[0]})`);
  }
}

/**
 * One record of a CSV: field `i` is `buf[starts[i], ends[i])`. The record and its buffer are reused for
 * the next one: read or copy what is kept.
 */
export interface CsvRecord {
  buf: Buffer;
  count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Field `i` of a record as a string; undefined past its last field. */
export function fieldText(record: CsvRecord, i: number): string | undefined {
  if (i < 0 || i >= record.count) return undefined;
  return record.buf.toString('utf8', record.starts[i], record.ends[i]);
}

const QUOTE = 34;
const COMMA = 44;
const MAX_FIELDS = 4096;

/**
 * Hands each record of a CSV to `onRecord` with the number of its first line; empty lines are skipped. A
 * line without quotes is split in place; a record with quotes, which may span lines, is read by csv-parse,
 * so quoting means what it always meant.
 */
export async function forEachCsvRecord(
  lines: LineSource,
  file: string,
  onRecord: (record: CsvRecord, line: number) => void,
): Promise<void> {
  const record: CsvRecord = {
    buf: Buffer.alloc(0),
    count: 0,
    starts: new Int32Array(MAX_FIELDS),
    ends: new Int32Array(MAX_FIELDS),
  };
  let pending: string[] | null = null;
  let pendingLine = 0;
  let quotes = 0;
  const quoted = (text: string, line: number): void => {
    for (const fields of csvRecords(text, `${file} line ${line}`)) {
      const bytes = fields.map(field => Buffer.from(field, 'utf8'));
      record.buf = Buffer.concat(bytes);
      record.count = Math.min(fields.length, MAX_FIELDS);
      let at = 0;
      for (let i = 0; i < record.count; i++) {
        record.starts[i] = at;
        at += (bytes[i] as Buffer).length;
        record.ends[i] = at;
      }
      onRecord(record, line);
    }
  };
  await lines.read((buf, start, end, line) => {
    if (pending !== null) {
      pending.push(buf.toString('utf8', start, end));
      for (let at = start; at < end; at++) if (buf[at] === QUOTE) quotes++;
      if (quotes % 2 === 0) {
        quoted(pending.join('\n'), pendingLine);
        pending = null;
      }
      return;
    }
    if (start === end) return;
    record.buf = buf;
    const count = splitInPlace(buf, start, end, record);
    if (count > 0) {
      record.count = count;
      onRecord(record, line);
      return;
    }
    quotes = 0;
    for (let q = start; q < end; q++) if (buf[q] === QUOTE) quotes++;
    const text = buf.toString('utf8', start, end);
    if (quotes % 2 === 0) quoted(text, line);
    else {
      pending = [text];
      pendingLine = line;
    }
  });
  // A quote never closed: csv-parse says so.
  if (pending !== null) quoted((pending as string[]).join('\n'), pendingLine);
}

/**
 * Splits a line into fields in place when it is simple: fields without quotes, or wholly quoted without a
 * quote or line end inside. Returns the number of fields, or 0 when the line needs csv-parse.
 */
function splitInPlace(buf: Buffer, start: number, end: number, record: CsvRecord): number {
  let count = 0;
  let at = start;
  for (;;) {
    if (count === MAX_FIELDS) return 0;
    if (at < end && buf[at] === QUOTE) {
      let close = at + 1;
      while (close < end && buf[close] !== QUOTE) close++;
      // No closing quote (a field that goes on to the next line), or `""` or text after it: csv-parse reads it.
      if (close >= end || (close + 1 < end && buf[close + 1] !== COMMA)) return 0;
      record.starts[count] = at + 1;
      record.ends[count] = close;
      count++;
      if (close + 1 >= end) return count;
      at = close + 2;
      continue;
    }
    let stop = at;
    while (stop < end && buf[stop] !== COMMA) {
      if (buf[stop] === QUOTE) return 0;
      stop++;
    }
    record.starts[count] = at;
    record.ends[count] = stop;
    count++;
    if (stop >= end) return count;
    at = stop + 1;
  }
}

/** Where each wanted column sits in a header, by the first of its names found (case-insensitive); -1 if none. */
export function columnsOf<K extends string>(
  header: readonly string[],
  names: Readonly<Record<K, readonly string[]>>,
): Record<K, number> {
  const lower = header.map(name => name.trim().toLowerCase());
  const found = {} as Record<K, number>;
  // The first alias that is a column wins: `path` over `name` in a file that has both.
  for (const [key, aliases] of Object.entries(names) as [K, readonly string[]][])
    found[key] = aliases.map(alias => lower.indexOf(alias)).find(at => at >= 0) ?? -1;
  return found;
}
