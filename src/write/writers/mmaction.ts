import { pathLabelLines } from './path-label.js';
import type { ManifestWriter } from './types.js';

/** mmaction2 `VideoDataset` list: `path label_index`; its `delimiter` argument matches --separator. */
export const mmactionWriter: ManifestWriter = {
  name: 'mmaction',
  extensions: [],
  sidecar: true,
  separator: true,
  summary: "'path label_index' lines for mmaction2 VideoDataset (ann_file)",
  open: (_head, options = {}) =>
    pathLabelLines(
      'mmaction',
      options.separator ?? ' ',
      false,
      "pass --separator '\\t' (and VideoDataset(delimiter='\\t')), or --format csv",
    ),
};
