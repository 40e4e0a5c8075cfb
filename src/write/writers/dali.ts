import { pathLabelLines } from './path-label.js';
import type { ManifestWriter } from './types.js';

/**
 * NVIDIA DALI `readers.video` `file_list`: `path label_index`. DALI reads whitespace-separated fields and needs
 * labels of 0 or more. The YouTube time window is never written as start/end frames: CVDF clips are already
 * trimmed to it.
 */
export const daliWriter: ManifestWriter = {
  name: 'dali',
  extensions: [],
  sidecar: true,
  separator: false,
  noSeparator: 'DALI splits on any whitespace',
  summary: "'path label_index' lines for NVIDIA DALI readers.video(file_list=...)",
  open: () =>
    pathLabelLines(
      'dali',
      ' ',
      true,
      'DALI cannot read such paths: slice with --label-style underscore, materialize it into folders without ' +
        'spaces, and slice that tree with --label-map (the classes in this index order): its own order differs',
    ),
};
