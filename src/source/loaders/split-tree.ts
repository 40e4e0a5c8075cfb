import { loadTree, treeLayoutOf } from './tree.js';
import { FITS, type Loader, needsFolder, rejected } from './types.js';

/** `ROOT/<split>/<class>/<clip>`: what torchvision and the CVDF `arrange_by_classes` script make. */
export const splitTreeLoader: Loader = {
  name: 'split-tree',
  summary: 'ROOT/<split>/<class>/<clip>: split folders of class folders',
  needsVideos: true,
  detect(probe) {
    const folder = needsFolder(probe);
    if (!folder.fits) return folder;
    if ((probe.options.annotations ?? []).length > 0) return rejected('--annotations given (see --layout annotations)');
    if (treeLayoutOf(probe) !== 'split-class-tree')
      return rejected('top folders hold videos themselves, or no folders (not split folders of class folders)');
    return FITS;
  },
  load: loadTree,
};
