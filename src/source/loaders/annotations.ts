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
    // Loaded only when this layout loads: a slice of an index or a listing never parses a CSV.
    const [{ readAnnotations }, { loadAnnotated }] = await Promise.all([
      import('../../annotations/read-annotations.js'),
      import('../annotated.js'),
    ]);
    const annotations = readAnnotations(probe.options.annotations ?? []);
    const input = await loadAnnotated(probe.path as string, probe.top, annotations, {
      ...walkOptions(probe),
      cvdf: false,
    });
    return { ...input, given: probe.recordAs, probed: probe.options.probe !== undefined };
  },
};
