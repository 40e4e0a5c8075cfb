import { parse } from 'csv-parse/sync';
import { listingError } from './listing.js';

/** A CSV as rows of fields; quoting, CRLF and a final newline or none are all read. */
export function csvRecords(text: string, file: string, delimiter = ','): string[][] {
  try {
    return parse(text, { skip_empty_lines: true, relax_column_count: true, delimiter }) as string[][];
  } catch (error) {
    throw listingError(file, `not a readable CSV (${(error as Error).message.split('\n')[0]})`);
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
