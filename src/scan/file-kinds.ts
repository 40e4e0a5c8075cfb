/** Video extensions read by default; `--ext` replaces the list. Compared case-insensitively. */
export const DEFAULT_VIDEO_EXTENSIONS: readonly string[] = ['avi', 'mkv', 'mov', 'mp4', 'webm'];

/** Suffixes of downloads that never finished (yt-dlp, youtube-dl, ffmpeg and friends). */
const PARTIAL_SUFFIXES: readonly string[] = ['.part', '.ytdl', '.tmp'];

/**
 * What a directory entry that is not a folder turns out to be. Everything but `video` is skipped and counted,
 * so the summary can say what was left out and why.
 */
export type FileKind = 'video' | 'hidden' | 'appledouble' | 'partial' | 'other';

/** Kinds always counted. */
export const SKIP_KINDS = ['hidden', 'appledouble', 'partial', 'other'] as const;
/**
 * `non_utf8`: a name that is not valid UTF-8 names no file the tool can open or write into a manifest. It is
 * counted only when found, so manifests of datasets without such names keep their bytes.
 */
export type SkipKind = (typeof SKIP_KINDS)[number] | 'non_utf8';

/** Lower-case extension (no dot) of a file name; empty when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function classifyFile(name: string, videoExtensions: ReadonlySet<string>): FileKind {
  // `._name` files are macOS resource forks: they carry a video's extension but hold no video.
  if (name.startsWith('._')) return 'appledouble';
  if (name.startsWith('.')) return 'hidden';
  const lower = name.toLowerCase();
  if (PARTIAL_SUFFIXES.some(suffix => lower.endsWith(suffix))) return 'partial';
  return videoExtensions.has(extensionOf(name)) ? 'video' : 'other';
}

/** Normalizes a user's extension list (`.MP4`, `mp4`) into the set `classifyFile` expects. */
export function videoExtensionSet(extensions: readonly string[]): ReadonlySet<string> {
  return new Set(extensions.map(ext => ext.replace(/^\./, '').toLowerCase()));
}
