import type { FolderListing } from './folder-scan.js';

// In a module of its own, so that the clip table does not load the scan threads' pool.

/** The names of listings that crossed from a scan thread, as they came: joined by NUL (see joinedNames). */
export const crossed = new WeakMap<FolderListing, string>();

/**
 * A listing's file names joined by NUL. The clip table keeps this one string a folder rather than a string a
 * file, so a listing from a scan thread splits its names only if something reads `files`.
 */
export function joinedNames(listing: FolderListing): string {
  return crossed.get(listing) ?? listing.files.join('\0');
}
