import { ContentFingerprint } from '../scan/fingerprint.js';
import { clipKey } from '../select/clip-key.js';

/** Keys and fingerprint sums of a folder's clips, aligned with its ids. */
export interface Hashed {
  readonly keys: Float64Array;
  readonly lanes: number[];
}

/** The selection keys for `seed` and the content fingerprint's sums of clips, as a scan thread makes them. */
export function hashClips(seed: string, ids: readonly string[], sizes: ArrayLike<number>): Hashed {
  const keys = new Float64Array(ids.length);
  const fingerprint = new ContentFingerprint();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    keys[i] = clipKey(seed, id);
    fingerprint.add(id, sizes[i] as number);
  }
  return { keys, lanes: fingerprint.toLanes() };
}
