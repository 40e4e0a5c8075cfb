import { readAnnotations } from '../../annotations/read-annotations.js';
import { loadAnnotated } from '../annotated.js';
import { FITS, type Loader, needsFolder, rejected } from './types.js';
import { walkOptions } from './walk-options.js';

/**
 * Any root with `--annotations`: labels, splits and identities come from the CSVs. A class or split tree
 * named after their labels is recorded as such (`class-tree+annotations`), any other as `flat+annotations`.
 */
export const annotationsLoader: Loader = {
  name: 'annotations',
  summary: 'any ROOT with --annotations CSVs: labels and splits come from them',
  needsVideos: true,
  detect(probe) {
    const folder = needsFolder(probe);
    if (!folder.fits) return folder;
    if ((probe.options.annotations ?? []).length === 0) return rejected('no --annotations given');
    return FITS;
  },
  async load(probe) {
    const annotations = readAnnotations(probe.options.annotations ?? []);
    const input = await loadAnnotated(probe.path as string, probe.top, annotations, {
      ...walkOptions(probe),
      cvdf: false,
    });
    return { ...input, given: probe.recordAs, probed: probe.options.probe !== undefined };
  },
};
