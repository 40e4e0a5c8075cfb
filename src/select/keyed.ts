import { type Clip, compareCodePoints } from '../clip.js';

/**
 * A group of clips that a per-class strategy sizes on its own: one class, or one (split, class) pair when
 * several splits are read. Its clips are in selection order: smallest key first, ties by clip id.
 */
export interface Stratum {
  readonly split: string | null;
  readonly label: string | null;
  readonly clips: readonly Clip[];
  /** The clips' selection keys, aligned with `clips` (so ascending). */
  readonly keys: Float64Array;
  /**
   * How many clips the source knows in this class (its annotated rows), when that is what sizes it: quotas
   * count these, and then take the smallest keys among `clips`, the usable files (rule v2).
   */
  readonly known?: number | undefined;
}

/**
 * A stratum as a size strategy sees it, before anything is chosen: its usable clips' keys in selection
 * order, and their clip ids only when asked (ties of equal keys). No Clip is made for a clip not chosen.
 */
export interface RankedStratum {
  readonly split: string | null;
  readonly label: string | null;
  /** The usable clips' selection keys, ascending: there are `keys.length` of them. */
  readonly keys: Float64Array;
  /** The clip id of the i-th usable clip in selection order. */
  idAt(i: number): string;
  /** See Stratum.known. */
  readonly known?: number | undefined;
}

/** The size a per-class strategy sizes a stratum by: its known clips, else its usable ones. */
export function knownSize(stratum: { readonly known?: number | undefined; readonly keys: Float64Array }): number {
  return Math.max(stratum.known ?? 0, stratum.keys.length);
}

/** A stratum of clips already made, as a size strategy sees it (a test's, DuckDB's selection). */
export function rankedOf(stratum: Stratum): RankedStratum {
  return { ...stratum, idAt: i => (stratum.clips[i] as Clip).clipId };
}

/**
 * The selection order of items with these keys: indices, smallest key first, ties by id. Keys of
 * different clips are almost never equal (52 bits), so the keys are sorted as numbers, natively, and
 * items found again by key; only when two keys are equal does the order fall back to comparing ids.
 */
export function selectionOrder(keys: Float64Array, idOf: (index: number) => string): Uint32Array {
  const byKey = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) byKey.set(keys[i] as number, i);
  const order = new Uint32Array(keys.length);
  if (byKey.size < keys.length) {
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || compareCodePoints(idOf(a), idOf(b)));
  }
  const sorted = keys.slice().sort();
  for (let i = 0; i < order.length; i++) order[i] = byKey.get(sorted[i] as number) as number;
  return order;
}

/**
 * Puts a stratum's rows in selection order by their keys (`keys`, the table's, indexed by row). A class
 * folder's walk already returns its clips in this order, so a stratum's keys usually ascend as they come,
 * and one pass checks that. Takes `rows` over: when they already ascend it returns that array itself.
 */
export function inSelectionOrder(
  rows: Uint32Array,
  keys: Float64Array,
  idOf: (row: number) => string,
): { rows: Uint32Array; keys: Float64Array } {
  const own = new Float64Array(rows.length);
  let ascending = true;
  for (let i = 0; i < rows.length; i++) {
    own[i] = keys[rows[i] as number] as number;
    if (i > 0 && (own[i - 1] as number) >= (own[i] as number)) ascending = false;
  }
  if (ascending) return { rows, keys: own };
  const order = selectionOrder(own, i => idOf(rows[i] as number));
  const ordered = new Uint32Array(order.length);
  const orderedKeys = new Float64Array(order.length);
  for (let at = 0; at < order.length; at++) {
    ordered[at] = rows[order[at] as number] as number;
    orderedKeys[at] = own[order[at] as number] as number;
  }
  return { rows: ordered, keys: orderedKeys };
}

/** `train/abseiling`, or `abseiling` without splits: how strata are named in messages. */
export function stratumName(stratum: { split: string | null; label: string | null }): string {
  const label = stratum.label ?? '(no label)';
  return stratum.split === null ? label : `${stratum.split}/${label}`;
}
