import { type Clip, compareCodePoints } from '../clip.js';
import { type ClipRows, RowSubset } from '../select/clip-rows.js';
import type { Duplicate } from './part.js';

/** What is left of a table once duplicates are dropped, and what was dropped. */
export interface Deduplicated {
  readonly table: ClipRows;
  readonly duplicates: Duplicate[];
  /** The clips left out, for taking them back out of sums made during the scan. */
  readonly dropped: Clip[];
}

/**
 * Keeps one row per (split, clip id). Selection keys on the clip id, so two files with one id would always
 * be chosen together. The copy kept (rule v2, see keepFirst) never depends on the order the filesystem lists
 * files in.
 *
 * Two clips with one id have one selection key, so only rows whose key occurs twice can be duplicates:
 * one pass over the table's keys with a table in a typed array finds them far faster than a map of every
 * id or a sort of the keys, and only those few rows become Clips for the exact check. The rows kept stay in
 * their order (a walk's class folder stays in selection order); with no repeat the table is kept as it is.
 */
export function dropDuplicateRows(table: ClipRows): Deduplicated {
  const repeated = repeatedKeys(table.keys);
  if (repeated.size === 0) return { table, duplicates: [], dropped: [] };
  const suspects = new Map<Clip, number>();
  for (let row = 0; row < table.rows; row++)
    if (repeated.has(table.keys[row] as number)) suspects.set(table.clipAt(row), row);
  const exact = dropExactDuplicates([...suspects.keys()]);
  const gone = new Uint8Array(table.rows);
  for (const clip of exact.dropped) gone[suspects.get(clip) as number] = 1;
  const kept = new Uint32Array(table.rows - exact.dropped.length);
  for (let row = 0, at = 0; row < table.rows; row++) if (gone[row] === 0) kept[at++] = row;
  return { table: new RowSubset(table, kept), duplicates: exact.duplicates, dropped: exact.dropped };
}

function dropExactDuplicates(clips: readonly Clip[]): Omit<Deduplicated, 'table'> & { clips: Clip[] } {
  const groups = new Map<string, Clip[]>();
  for (const clip of clips) {
    const id = `${clip.split ?? ''}\0${clip.split === null ? 0 : 1}\0${clip.clipId}`;
    groups.set(id, [...(groups.get(id) ?? []), clip]);
  }
  const kept: Clip[] = [];
  const dropped: Clip[] = [];
  const duplicates: Duplicate[] = [];
  for (const group of groups.values()) {
    group.sort(keepFirst);
    const [first, ...rest] = group as [Clip, ...Clip[]];
    kept.push(first);
    dropped.push(...rest);
    if (rest.length > 0)
      duplicates.push({
        split: first.split,
        label: first.label,
        clipId: first.clipId,
        kept: first.path,
        dropped: rest.map(clip => clip.path),
      });
  }
  duplicates.sort((a, b) => compareCodePoints(a.kept, b.kept));
  return { clips: kept, duplicates, dropped };
}

/**
 * The keys that occur more than once. Keys are 52-bit integers spread evenly, so the remainder of one picks
 * a slot directly. The table has two slots a key; a slot holds the position of the key that took it, plus
 * one (0 while empty): 4 bytes a slot rather than the key's 8. At 650,000 keys that is 5 MB, not the 17 MB
 * of a table of the keys themselves rounded up to a power of two, which was still held at a slice's peak.
 */
export function repeatedKeys(keys: Float64Array): Set<number> {
  const size = Math.max(1024, 2 * keys.length);
  const slots = new Uint32Array(size);
  const repeated = new Set<number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    // A negative key's remainder is negative: it would read past the table's start, one slot a step, to 0.
    let at = key % size;
    if (at < 0) at += size;
    let held = slots[at] as number;
    while (held !== 0 && keys[held - 1] !== key) {
      at = at + 1 === size ? 0 : at + 1;
      held = slots[at] as number;
    }
    if (held !== 0) repeated.add(key);
    else slots[at] = i + 1;
  }
  return repeated;
}

/**
 * Which copy of one clip id is kept (rule v2): a usable one (not empty, not found corrupt) first, so that a
 * damaged copy never hides a good one; then the CVDF scripts' re-download under `replacement/`; then the
 * path that sorts first in code-point order.
 */
export function keepFirst(
  a: Pick<Clip, 'path' | 'sizeBytes' | 'probe'>,
  b: Pick<Clip, 'path' | 'sizeBytes' | 'probe'>,
): number {
  return unusable(a) - unusable(b) || replaced(a) - replaced(b) || compareCodePoints(a.path, b.path);
}

function unusable(clip: Pick<Clip, 'sizeBytes' | 'probe'>): number {
  return clip.sizeBytes === 0 || clip.probe?.status === 'corrupt' ? 1 : 0;
}

function replaced(clip: Pick<Clip, 'path'>): number {
  return clip.path.startsWith('replacement/') ? 0 : 1;
}
