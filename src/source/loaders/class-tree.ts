import { loadTree, treeLayoutOf } from './tree.js';
import { FITS, type Loader, needsFolder, rejected } from './types.js';

/** `ROOT/<class>/<clip>`: the last resort for a folder, so an empty one says no videos were found. */
export const classTreeLoader: Loader = {
  name: 'class-tree',
  summary: 'ROOT/<class>/<clip>: class folders of videos',
  needsVideos: true,
  detect(probe) {
    const folder = needsFolder(probe);
    if (!folder.fits) return folder;
    if ((probe.options.annotations ?? []).length > 0) return rejected('--annotations given (see --layout annotations)');
    if (treeLayoutOf(probe) !== 'class-tree')
      return rejected('no top folder holds videos itself, but folders of them (a split tree)');
    return FITS;
  },
  load: loadTree,
};
