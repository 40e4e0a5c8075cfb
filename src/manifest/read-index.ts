import { sortClips } from '../clip.js';
import { readIndex } from '../source/index-file.js';
import { assembleSource } from '../source/source.js';
import type { ManifestClip } from './schema.js';

/** An index read as a manifest: its clips, indexed in the source's label space, and the root it records. */
export interface IndexAsManifest {
  readonly root: string;
  readonly clips: ManifestClip[];
}

/**
 * Every clip an index offers for selection, as manifest rows: `verify`, `diff` and `stats` then treat an
 * index like a manifest of everything. Empty files are left out (they are never selected).
 */
export function readIndexAsManifest(file: string): IndexAsManifest {
  const source = assembleSource(readIndex(file, file));
  const indexOf = new Map(source.classes.map((label, index) => [label, index]));
  const clips = sortClips(source.clips)
    .filter(clip => clip.sizeBytes !== 0)
    .map(clip => ({
      path: clip.path,
      label: clip.label,
      label_index: clip.label === null ? null : (indexOf.get(clip.label) ?? null),
      clip_id: clip.clipId,
      youtube_id: clip.youtubeId,
      time_start: clip.timeStart,
      time_end: clip.timeEnd,
      split: clip.split,
      size_bytes: clip.sizeBytes,
    }));
  return { root: source.root, clips };
}
