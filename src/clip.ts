import type { ProbeInfo } from './probe/reader.js';

/**
 * One clip of a dataset as the scanner found it. Every later stage (filters, strategies, writers)
 * works on these records and never goes back to the filesystem.
 */
export interface Clip {
  /** Path relative to the dataset root, with `/` separators. */
  readonly path: string;
  /** Class name exactly as found (folder name or annotation label); null when nothing says. */
  readonly label: string | null;
  /** Identity used for selection: `{youtube_id}_{start:06d}_{end:06d}` or the path below the class folder. */
  readonly clipId: string;
  readonly youtubeId: string | null;
  readonly timeStart: number | null;
  readonly timeEnd: number | null;
  /** Split folder (or annotation split) the clip belongs to; null for a tree without splits. */
  readonly split: string | null;
  /** File size in bytes; null when the clip is known from annotations only. */
  readonly sizeBytes: number | null;
  /** The header probe (`--probe`), when the source was probed. */
  readonly probe?: ProbeInfo | null | undefined;
  /** Modification time the probe was made for: with the size, the key of the probe cache in an index. */
  readonly mtimeMs?: number | null | undefined;
}

/**
 * Unicode code-point order (Python's `sorted`, torchvision's `find_classes`): the only string order used
 * anywhere, so output never depends on locale. JavaScript's `<` compares UTF-16 units, which puts
 * characters above U+FFFF before U+E000..U+FFFF; the shift below undoes that.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A UTF-16 unit's place in code-point order (see compareCodePoints). */
export function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Same as compareCodePoints, with null sorting before every string. */
export function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareCodePoints(a, b);
}

/**
 * Clips in manifest row order: split, label, clip id, then path for clips that share an id. Each clip's id
 * is worked out once, not once a comparison: a comparison sort of 650,000 clips makes 13 million. Row
 * numbers are sorted rather than an object a clip, which for 650,000 clips held 26 MB more.
 */
export function sortClips(clips: readonly Clip[]): Clip[] {
  const ids = clips.map(clip => clip.clipId);
  const order = Array.from(ids, (_, i) => i);
  order.sort((i, j) => {
    const a = clips[i] as Clip;
    const b = clips[j] as Clip;
    return (
      compareNullable(a.split, b.split) ||
      compareNullable(a.label, b.label) ||
      compareCodePoints(ids[i] as string, ids[j] as string) ||
      compareCodePoints(a.path, b.path)
    );
  });
  return order.map(i => clips[i] as Clip);
}
