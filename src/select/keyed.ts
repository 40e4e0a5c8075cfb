import { compareCodePoints, type Clip } from '../clip.js';

/** A clip with its selection key for the current seed (see clip-key.ts). */
export interface KeyedClip {
  readonly clip: Clip;
  readonly key: number;
}

/** Selection order: smallest key first, ties by clip id. */
export function compareKeyed(a: KeyedClip, b: KeyedClip): number {
  return a.key - b.key || compareCodePoints(a.clip.clipId, b.clip.clipId);
}

/**
 * A group of clips that a per-class strategy sizes on its own: one class, or one (split, class) pair when
 * several splits are read. Its clips are in selection order.
 */
export interface Stratum {
  readonly split: string | null;
  readonly label: string | null;
  readonly clips: readonly KeyedClip[];
}

/** `train/abseiling`, or `abseiling` without splits: how strata are named in messages. */
export function stratumName(stratum: { split: string | null; label: string | null }): string {
  const label = stratum.label ?? '(no label)';
  return stratum.split === null ? label : `${stratum.split}/${label}`;
}
