import { compareNullable } from '../clip.js';
import { spell } from '../labels/spellings.js';
import { readManifestFile } from '../manifest/read.js';
import type { ManifestClip } from '../manifest/schema.js';
import { entryOf } from '../map-entry.js';

export interface DiffCounts {
  only_a: number;
  only_b: number;
  /** Clips in both whose class differs. */
  label_changed: number;
  /** Clips in both whose label is the same class in another spelling (raw, underscore, torchvision, case). */
  label_respelled: number;
  /** Clips in both whose label_index differs (a training target changed). */
  index_changed: number;
}

export const DIFF_FIELDS = ['only_a', 'only_b', 'label_changed', 'label_respelled', 'index_changed'] as const;

export interface ManifestDiff extends DiffCounts {
  /** Per class (A's label for clips in A, B's for clips only in B); classes with no difference are left out. */
  readonly classes: Record<string, DiffCounts>;
}

const noDifference = (): DiffCounts => ({
  only_a: 0,
  only_b: 0,
  label_changed: 0,
  label_respelled: 0,
  index_changed: 0,
});

/** Labels that name one class in two spellings compare equal here: all three reduce to the torchvision one. */
export function sameClass(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return spell(a, 'torchvision').toLowerCase() === spell(b, 'torchvision').toLowerCase();
}

/**
 * Compares two manifests clip by clip. A clip is its clip id (with its split when one manifest holds an id
 * twice, once per split), so a manifest re-ordered, re-formatted or moved to another root is the same. For a
 * clip in both, a label change is told from a pure change of spelling, and label_index is compared too: a
 * model trained on one would get other targets from the other. Either may be an index, JSONL or Parquet.
 */
export async function diffManifests(a: string, b: string): Promise<ManifestDiff> {
  const left = (await readManifestFile(a)).clips;
  const right = (await readManifestFile(b)).clips;
  const bySplit = hasRepeatedIds(left) || hasRepeatedIds(right);
  const key = (clip: ManifestClip): string => (bySplit ? `${clip.split}\0${clip.clip_id}` : clip.clip_id);
  const rightByKey = new Map(right.map(clip => [key(clip), clip]));
  const leftKeys = new Set(left.map(key));
  const classes = new Map<string | null, DiffCounts>();
  const total = noDifference();
  const add = (label: string | null, field: keyof DiffCounts): void => {
    entryOf(classes, label, noDifference)[field] += 1;
    total[field] += 1;
  };
  for (const clip of left) {
    const other = rightByKey.get(key(clip));
    if (other === undefined) {
      add(clip.label, 'only_a');
      continue;
    }
    if (other.label !== clip.label)
      add(clip.label, sameClass(clip.label, other.label) ? 'label_respelled' : 'label_changed');
    if (other.label_index !== clip.label_index) add(clip.label, 'index_changed');
  }
  for (const clip of right) if (!leftKeys.has(key(clip))) add(clip.label, 'only_b');
  const sorted = [...classes].sort(([x], [y]) => compareNullable(x, y));
  return { ...total, classes: Object.fromEntries(sorted.map(([label, counts]) => [label ?? '(no label)', counts])) };
}

/** Whether two manifests differ in anything diff compares. */
export function differs(diff: DiffCounts): boolean {
  return DIFF_FIELDS.some(field => diff[field] > 0);
}

function hasRepeatedIds(clips: readonly ManifestClip[]): boolean {
  return new Set(clips.map(clip => clip.clip_id)).size < clips.length;
}
