import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSplit } from '../../annotations/split-names.js';
import { FITS, type Loader, type LoaderProbe, needsFolder, rejected } from './types.js';
import { walkOptions } from './walk-options.js';

/** A CVDF download: `annotations/<split>.csv` beside `<split>/` folders of clips, read without flags. */
export const cvdfLoader: Loader = {
  name: 'cvdf',
  summary: 'a CVDF download: annotations/<split>.csv beside <split>/ folders of clips',
  needsVideos: true,
  detect(probe) {
    const folder = needsFolder(probe);
    if (!folder.fits) return folder;
    if ((probe.options.annotations ?? []).length > 0) return rejected('--annotations given (see --layout annotations)');
    if (!probe.top.includes('annotations')) return rejected('no annotations/ folder');
    if (findCvdfAnnotations(probe).length === 0) return rejected('annotations/ holds no <split>.csv of a split folder');
    return FITS;
  },
  async load(probe) {
    const root = probe.path as string;
    // Each file is recorded by its path below the root, not this machine's path.
    const files = findCvdfAnnotations(probe).map(file => ({ read: join(root, file), recordAs: file }));
    const [{ readAnnotations }, { loadAnnotated }] = await Promise.all([
      import('../../annotations/read-annotations.js'),
      import('../annotated.js'),
    ]);
    const input = await loadAnnotated(root, probe.top, readAnnotations(files), { ...walkOptions(probe), cvdf: true });
    return { ...input, given: probe.recordAs, probed: probe.options.probe !== undefined };
  },
};

/** CVDF downloads keep `annotations/<split>.csv` beside `<split>/` folders. */
function findCvdfAnnotations(probe: LoaderProbe): string[] {
  const root = probe.path as string;
  const splitFolders = new Set(probe.top.filter(name => name !== 'annotations').map(normalizeSplit));
  let names: string[];
  try {
    names = readdirSync(join(root, 'annotations'));
  } catch {
    return [];
  }
  return names
    .filter(name => name.toLowerCase().endsWith('.csv') && splitFolders.has(normalizeSplit(name.slice(0, -4))))
    .sort()
    .map(name => join('annotations', name));
}
