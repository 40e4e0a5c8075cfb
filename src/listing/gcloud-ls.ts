import { type ListedObject, type Listing, listingError, sizeOf, splitUri } from './listing.js';
import { listingLines } from './listing-text.js';

// `gcloud storage ls -l -r gs://bucket/prefix/` prints, for each folder, a line naming it (`gs://b/p/:`),
// then one object a line: the size, the time and the object's full URI; a `TOTAL:` line ends it and is
// checked against the objects read. `gsutil ls -l -r` prints the same.
const OBJECT = /^ *(\S+) +\d{4}-\d{2}-\d{2}T\S+ +(gs:\/\/.*)$/s;
const FOLDER = /^(gs:\/\/.*\/):$/s;
const TOTAL = /^TOTAL: (\d+) objects?, /;

/** True when the text starts like `gcloud storage ls -l -r` output. */
export function isGcloudLsLine(firstLine: string): boolean {
  return OBJECT.test(firstLine) || FOLDER.test(firstLine);
}

/** Reads the text of `gcloud storage ls -l -r`; the first folder line is the prefix listed. */
export function parseGcloudLs(text: string, file: string): Listing {
  const objects: ListedObject[] = [];
  let bucket: string | null = null;
  let prefix: string | null = null;
  let total: number | null = null;
  const inBucket = (uri: string, lineNo: number): string => {
    const parts = splitUri(uri);
    if (parts === null) throw listingError(file, `'${uri.slice(0, 60)}' is not a gs:// URI`, lineNo);
    if (bucket !== null && parts.bucket !== bucket)
      throw listingError(file, `${parts.bucket} is a second bucket (the first is ${bucket})`, lineNo);
    bucket = parts.bucket;
    return parts.key;
  };
  listingLines(text).forEach((line, i) => {
    const lineNo = i + 1;
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
    objects.push({ key: inBucket(match[2] as string, lineNo), size: sizeOf(match[1], file, lineNo) });
  });
  if (total !== null && total !== objects.length)
    throw listingError(file, `its TOTAL line says ${total} objects but ${objects.length} are listed`);
  // The first folder line is the URL listed; a copy that lost its top lines says nothing about the prefix.
  const listed = prefix !== null && objects.every(o => o.key.startsWith(prefix as string)) ? prefix : null;
  return { format: 'gcloud-ls', objects, bucket, prefix: listed };
}
