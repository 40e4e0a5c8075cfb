import { type ListedObject, type Listing, listingError, sizeOf } from './listing.js';
import { listingLines } from './listing-text.js';

// `aws s3 ls --recursive s3://bucket/prefix/` prints one object a line: the date, the time, the size right-
// aligned and, after one space, the key from the bucket's top, which may itself hold spaces. `--summarize`
// adds two total lines, which are checked against the lines read so a cut-off copy is caught.
const OBJECT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} +(\S+) (.*)$/s;
const FOLDER = /^ +PRE (.*)$/;
const TOTAL_OBJECTS = /^Total Objects: (\d+)$/;
const TOTAL_SIZE = /^ *Total Size: (.+)$/;

/** True when the text starts like `aws s3 ls` output. */
export function isAwsS3LsLine(firstLine: string): boolean {
  return OBJECT.test(firstLine) || FOLDER.test(firstLine);
}

/** Reads the text of `aws s3 ls --recursive`; the bucket is not in it. */
export function parseAwsS3Ls(text: string, file: string): Listing {
  const objects: ListedObject[] = [];
  let total: number | null = null;
  listingLines(text).forEach((line, i) => {
    const lineNo = i + 1;
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
    objects.push({ key: match[2] as string, size: sizeOf(match[1], file, lineNo) });
  });
  if (total !== null && total !== objects.length)
    throw listingError(file, `its total says ${total} objects but ${objects.length} are listed`);
  return { format: 'aws-s3-ls', objects, bucket: null, prefix: null };
}
