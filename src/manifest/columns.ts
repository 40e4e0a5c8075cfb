// The columns of a manifest, in order: a module of their own, which the writers load without the manifest's
// schemas (manifest/schema.ts), which only readers of manifests and `k400-slice schema` need.

export const MANIFEST_COLUMNS = [
  'path',
  'label',
  'label_index',
  'clip_id',
  'youtube_id',
  'time_start',
  'time_end',
  'split',
] as const;
export type ManifestColumn = (typeof MANIFEST_COLUMNS)[number];
/** Columns a probed manifest adds after the eight fixed ones. */
export const PROBE_COLUMNS = ['duration_s', 'fps', 'num_frames', 'width', 'height', 'codec'] as const;
