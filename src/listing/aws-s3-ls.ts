import { ListedKeys } from './listed-keys.js';
import { type Listing, listingError, sizeOf, sizeOfBytes } from './listing.js';
import type { LineSource } from './listing-lines.js';

// `aws s3 ls --recursive s3://bucket/prefix/` prints one object a line: the date, the time, the size right-
// aligned and, after one space, the key from the bucket's top, which may itself hold spaces. `--summarize`
// adds two total lines, which are checked against the lines read so a cut-off copy is caught.
const OBJECT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} +(\S+) (.*)$/s;
const FOLDER = /^ +PRE (.*)$/;
const TOTAL_OBJECTS = /^Total Objects: (\d+)$/;
const TOTAL_SIZE = /^ *Total Size: (.+)$/;
// `2024-01-02 03:04:05`: where the digits and the separators of the date and time are.
const STAMP = '0000-00-00 00:00:00';

/** True when the text starts like `aws s3 ls` output. */
export function isAwsS3LsLine(firstLine: string): boolean {
  return OBJECT.test(firstLine) || FOLDER.test(firstLine);
}

/**
 * An object line read in place: the date and time, spaces, a size of digits, one space, the key. Returns
 * false for any other line, which then goes through the regular expressions above.
 */
function readObjectLine(buf: Buffer, start: number, end: number, keys: ListedKeys, file: string, line: number) {
  if (end - start < STAMP.length + 4) return false;
  for (let i = 0; i < STAMP.length; i++) {
    const byte = buf[start + i] as number;
    const digit = STAMP.charCodeAt(i) === 48;
    if (digit ? byte < 48 || byte > 57 : byte !== STAMP.charCodeAt(i)) return false;
  }
  let at = start + STAMP.length;
  if (buf[at] !== 32) return false;
  while (at < end && buf[at] === 32) at++;
  const sizeStart = at;
  while (at < end && (buf[at] as number) >= 48 && (buf[at] as number) <= 57) at++;
  if (at === sizeStart || at >= end || buf[at] !== 32) return false;
  keys.pushBytes(buf, at + 1, end, sizeOfBytes(buf, sizeStart, at, file, line));
  return true;
}

/** Reads the text of `aws s3 ls --recursive`; the bucket is not in it. */
export async function parseAwsS3Ls(lines: LineSource, file: string): Promise<Listing> {
  const keys = new ListedKeys(lines.sizeHint);
  let total: number | null = null;
  await lines.read((buf, start, end, lineNo) => {
    if (readObjectLine(buf, start, end, keys, file, lineNo)) return;
    const line = buf.toString('utf8', start, end);
    if (line.trim() === '' || TOTAL_SIZE.test(line)) return;
    const totalLine = TOTAL_OBJECTS.exec(line);
    if (totalLine !== null) {
      total = Number(totalLine[1]);
      return;
    }
    if (FOLDER.test(line)) throw listingError(file, 'a folder line (PRE): list with aws s3 ls --recursive', lineNo);
    const match = OBJECT.exec(line);
    if (match === null) throw listingError(file, `not a line of aws s3 ls --recursive: '${line.slice(0, 60)}'`, lineNo);
    // Only a decimal or a unit (1.2KiB) is a rounded size; a sign or other text is no size at all (sizeOf).
    if (/^\d+(\.\d+[A-Za-z]*|[A-Za-z]+)$/.test(match[1] as string))
      throw listingError(file, `size '${match[1]}' is rounded: list without --human-readable`, lineNo);
    keys.push(match[2] as string, sizeOf(match[1], file, lineNo));
  });
  if (total !== null && total !== keys.count)
    throw listingError(file, `its total says ${total} objects but ${keys.count} are listed`);
  return { format: 'aws-s3-ls', keys, bucket: null, prefix: null };
}
