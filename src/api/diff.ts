import { compareNullable } from '../clip.js';
import { readManifest } from '../manifest/read.js';
import type { ManifestClip } from '../manifest/schema.js';
import { entryOf } from '../map-entry.js';

export interface DiffCounts {
  only_a: number;
  only_b: number;
  label_changed: number;
}

export interface ManifestDiff extends DiffCounts {
  /** Per class (A's label for clips in A, B's for clips only in B); classes with no difference are left out. */
  readonly classes: Record<string, DiffCounts>;
}

/**
 * Compares two manifests clip by clip. A clip is its clip id (with its split when one manifest holds an id
 * twice, once per split), so a manifest re-ordered, re-formatted or moved to another root is the same.
 */
export function diffManifests(a: string, b: string): ManifestDiff {
  const left = readManifest(a).clips;
  const right = readManifest(b).clips;
  const bySplit = hasRepeatedIds(left) || hasRepeatedIds(right);
  const key = (clip: ManifestClip): string => (bySplit ? `${clip.split}\0${clip.clip_id}` : clip.clip_id);
  const rightByKey = new Map(right.map(clip => [key(clip), clip]));
  const leftKeys = new Set(left.map(key));
  const classes = new Map<string | null, DiffCounts>();
  const total: DiffCounts = { only_a: 0, only_b: 0, label_changed: 0 };
  const add = (label: string | null, field: keyof DiffCounts): void => {
    const counts = entryOf(classes, label, () => ({ only_a: 0, only_b: 0, label_changed: 0 }));
    counts[field] += 1;
    total[field] += 1;
  };
  for (const clip of left) {
    const other = rightByKey.get(key(clip));
    if (other === undefined) add(clip.label, 'only_a');
    else if (other.label !== clip.label) add(clip.label, 'label_changed');
  }
  for (const clip of right) if (!leftKeys.has(key(clip))) add(clip.label, 'only_b');
  const sorted = [...classes].sort(([x], [y]) => compareNullable(x, y));
  return { ...total, classes: Object.fromEntries(sorted.map(([label, counts]) => [label ?? '(no label)', counts])) };
}

function hasRepeatedIds(clips: readonly ManifestClip[]): boolean {
  return new Set(clips.map(clip => clip.clip_id)).size < clips.length;
}
