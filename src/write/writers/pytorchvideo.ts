import { pathLabelLines } from './path-label.js';
import type { ManifestWriter } from './types.js';

/**
 * PyTorchVideo `LabeledVideoPaths` and SlowFast `{split}.csv`: `path label_index`; SlowFast splits on
 * DATA.PATH_LABEL_SEPARATOR.
 */
export const pytorchvideoWriter: ManifestWriter = {
  name: 'pytorchvideo',
  extensions: [],
  sidecar: true,
  separator: true,
  summary: "'path label_index' lines for PyTorchVideo LabeledVideoPaths and SlowFast {split}.csv",
  open: (_head, options = {}) =>
    pathLabelLines(
      'pytorchvideo',
      options.separator ?? ' ',
      false,
      "pass --separator ',' (and SlowFast DATA.PATH_LABEL_SEPARATOR ','), or paths without spaces",
    ),
};
