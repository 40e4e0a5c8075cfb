import { FITS, type Loader, rejected } from './types.js';

/** Annotation CSVs with no ROOT: a slice of them plans a download. */
export const annotationsOnlyLoader: Loader = {
  name: 'annotations-only',
  needsVideos: false,
  summary: 'annotation CSVs alone, no ROOT (--annotations): plans a download',
  detect(probe) {
    if (probe.kind !== 'none') return rejected('a ROOT is given');
    if ((probe.options.annotations ?? []).length === 0) return rejected('no --annotations given');
    return FITS;
  },
  async load(probe) {
    // Loaded only when this layout loads: a slice of an index or a listing never parses a CSV.
    const { annotationsOnlyInput } = await import('../annotations-only.js');
    return annotationsOnlyInput(probe.options.annotations ?? [], probe.options.seed ?? undefined);
  },
};
