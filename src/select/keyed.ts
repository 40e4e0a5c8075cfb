import { compareCodePoints, type Clip } from '../clip.js';

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
}

/**
 * Puts clips in selection order by their keys. Keys of different clips are almost never equal (52 bits),
 * so the keys are sorted as numbers, natively, and clips found again by key; only when two keys are
 * equal does the order fall back to comparing clip ids.
 */
export function inSelectionOrder(clips: readonly Clip[], keyOf: (clip: Clip) => number): { clips: Clip[]; keys: Float64Array } {
  const byKey = new Map<number, Clip>();
  const keys = new Float64Array(clips.length);
  for (let i = 0; i < clips.length; i++) {
    const clip = clips[i] as Clip;
    const key = keyOf(clip);
    keys[i] = key;
    byKey.set(key, clip);
  }
  if (byKey.size < clips.length) {
    const order = Array.from(clips, (_, i) => i);
    order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || compareCodePoints((clips[a] as Clip).clipId, (clips[b] as Clip).clipId));
    return { clips: order.map((i) => clips[i] as Clip), keys: Float64Array.from(order, (i) => keys[i] as number) };
  }
  keys.sort();
  return { clips: Array.from(keys, (key) => byKey.get(key) as Clip), keys };
}

/** `train/abseiling`, or `abseiling` without splits: how strata are named in messages. */
export function stratumName(stratum: { split: string | null; label: string | null }): string {
  const label = stratum.label ?? '(no label)';
  return stratum.split === null ? label : `${stratum.split}/${label}`;
}
