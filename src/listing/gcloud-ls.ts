import { ListedKeys } from './listed-keys.js';
import { type Listing, listingError, sizeOf, sizeOfBytes, splitUri } from './listing.js';
import type { LineSource } from './listing-lines.js';

// `gcloud storage ls -l -r gs://bucket/prefix/` prints, for each folder, a line naming it (`gs://b/p/:`),
// then one object a line: the size, the time and the object's full URI; a `TOTAL:` line ends it and is
// checked against the objects read. `gsutil ls -l -r` prints the same.
const OBJECT = /^ *(\S+) +\d{4}-\d{2}-\d{2}T\S+ +(gs:\/\/.*)$/s;
const FOLDER = /^(gs:\/\/.*\/):$/s;
const TOTAL = /^TOTAL: (\d+) objects?, /;
const GS = Buffer.from('gs://');
// Where the digits and the separators of an object's date are.
const DATE = '0000-00-00T';

/** True when the text starts like `gcloud storage ls -l -r` output. */
export function isGcloudLsLine(firstLine: string): boolean {
  return OBJECT.test(firstLine) || FOLDER.test(firstLine);
}

const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 48 && byte <= 57;
const isSpace = (byte: number | undefined): boolean => byte === 32;

/** Where an object line's size, and its URI after `gs://`, are; null for any other line (read by OBJECT). */
function objectLine(buf: Buffer, start: number, end: number): { size: number; sizeEnd: number; uri: number } | null {
  let at = start;
  while (isSpace(buf[at]) && at < end) at++;
  const size = at;
  while (isDigit(buf[at]) && at < end) at++;
  const sizeEnd = at;
  if (sizeEnd === size || !isSpace(buf[at])) return null;
  while (isSpace(buf[at]) && at < end) at++;
  // The date `2024-01-02T`, then anything but spaces.
  for (let i = 0; i < DATE.length; i++, at++) {
    const ok = DATE.charCodeAt(i) === 48 ? isDigit(buf[at]) : buf[at] === DATE.charCodeAt(i);
    if (!ok || at >= end) return null;
  }
  while (at < end && !isSpace(buf[at])) at++;
  if (!isSpace(buf[at])) return null;
  while (isSpace(buf[at]) && at < end) at++;
  if (end - at < GS.length || buf.compare(GS, 0, GS.length, at, at + GS.length) !== 0) return null;
  return { size, sizeEnd, uri: at + GS.length };
}

/** Reads the text of `gcloud storage ls -l -r`; the first folder line is the prefix listed. */
export async function parseGcloudLs(lines: LineSource, file: string): Promise<Listing> {
  const keys = new ListedKeys(lines.sizeHint);
  let bucket: Buffer | null = null;
  let prefix: string | null = null;
  let total: number | null = null;
  const bucketName = (): string => `gs://${bucket?.toString('utf8') ?? ''}`;
  const inBucket = (uri: string, lineNo: number): string => {
    const parts = splitUri(uri);
    if (parts === null) throw listingError(file, `'${uri.slice(0, 60)}' is not a gs:// URI`, lineNo);
    if (bucket !== null && parts.bucket !== bucketName())
      throw listingError(file, `${parts.bucket} is a second bucket (the first is ${bucketName()})`, lineNo);
    bucket ??= Buffer.from(parts.bucket.slice(GS.length), 'utf8');
    return parts.key;
  };
  await lines.read((buf, start, end, lineNo) => {
    const fast = objectLine(buf, start, end);
    if (fast !== null) {
      // gs://BUCKET/KEY: the same bucket as before, in place; a first or another one through inBucket.
      const slash = buf.indexOf(47, fast.uri);
      const same =
        bucket !== null &&
        slash >= 0 &&
        slash < end &&
        slash - fast.uri === bucket.length &&
        buf.compare(bucket, 0, bucket.length, fast.uri, slash) === 0;
      const size = sizeOfBytes(buf, fast.size, fast.sizeEnd, file, lineNo);
      if (same) keys.pushBytes(buf, slash + 1, end, size);
      else keys.push(inBucket(buf.toString('utf8', fast.uri - GS.length, end), lineNo), size);
      return;
    }
    const line = buf.toString('utf8', start, end);
    if (line.trim() === '') return;
    const totalLine = TOTAL.exec(line);
    if (totalLine !== null) {
      total = Number(totalLine[1]);
      return;
    }
    const folder = FOLDER.exec(line);
    if (folder !== null) {
      const key = inBucket(folder[1] as string, lineNo);
      prefix ??= key;
      return;
    }
    const match = OBJECT.exec(line);
    if (match === null)
      throw listingError(file, `not a line of gcloud storage ls -l -r: '${line.slice(0, 60)}'`, lineNo);
    // Only a decimal or a unit (1.2KiB) is a rounded size; a sign or other text is no size at all (sizeOf).
    if (/^\d+(\.\d+[A-Za-z]*|[A-Za-z]+)$/.test(match[1] as string))
      throw listingError(file, `size '${match[1]}' is rounded: list without --readable-sizes`, lineNo);
    keys.push(inBucket(match[2] as string, lineNo), sizeOf(match[1], file, lineNo));
  });
  if (total !== null && total !== keys.count)
    throw listingError(file, `its TOTAL line says ${total} objects but ${keys.count} are listed`);
  // The first folder line is the URL listed; a copy that lost its top lines says nothing about the prefix.
  let listed = prefix;
  if (listed !== null) {
    const bytes = Buffer.from(listed, 'utf8');
    for (let i = 0; i < keys.count && listed !== null; i++) if (!keys.startsWith(i, bytes)) listed = null;
  }
  return { format: 'gcloud-ls', keys, bucket: bucket === null ? null : bucketName(), prefix: listed };
}
