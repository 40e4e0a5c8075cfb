import { countSkip, type FolderListing } from '../scan/folder-scan.js';
import type { SourcePart } from './part.js';

/**
 * Adds what a folder listing found to a part: every video in `files`, empty ones in `zero_byte` and (when
 * probed) damaged ones in `corrupt` (unless
 * `videos` is false: annotated sources count videos by the class their row gives), hidden, `._` and partial
 * files in `junk`, other extensions in `unexpected_ext`, and unreadable folders as problems. `label` is the
 * class the folder belongs to, or null.
 */
export function countListing(part: SourcePart, listing: FolderListing, label: string | null, videos = true): void {
  // Sizes, not names, give the count: a listing from a scan thread splits its names only when one is read.
  const { sizes, folder, probes } = listing;
  if (videos) {
    part.tally.count('files', label, undefined, sizes.length);
    for (let i = 0; i < sizes.length; i++) {
      const path = (): string => (folder === '' ? (listing.files[i] as string) : `${folder}/${listing.files[i]}`);
      if (sizes[i] === 0) part.tally.count('zero_byte', label, path());
      else if (probes?.[i]?.probe.status === 'corrupt') part.tally.count('corrupt', label, path());
    }
  }
  for (const skipped of listing.skipped) {
    countSkip(part.skipped, skipped.kind);
    // A name that is not UTF-8 cannot be an example: the report could not name the file it is.
    if (skipped.kind === 'non_utf8') continue;
    part.tally.count(skipped.kind === 'other' ? 'unexpected_ext' : 'junk', label, skipped.path);
  }
  for (const problem of listing.problems) part.problems.push(problem);
}
