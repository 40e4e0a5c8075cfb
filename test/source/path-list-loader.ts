import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clip } from '../../src/clip.js';
import { identifyClip } from '../../src/scan/clip-name.js';
import { FITS, type Loader, rejected } from '../../src/source/loaders/types.js';
import { Parts } from '../../src/source/part.js';

/**
 * A toy layout, written as a new loader would be: a text file `*.paths.txt` naming one video a line as
 * `<class>/<file>`, relative to the file's own folder. It is the whole of the new layout: registering it is
 * the one other line (see loader-registry.test.ts).
 */
export const pathListLoader: Loader = {
  name: 'path-list',
  summary: 'a *.paths.txt file: one <class>/<file> a line, below its own folder',
  needsVideos: true,
  detect(probe) {
    if (probe.kind !== 'file' || probe.path === undefined) return rejected('not a file');
    return probe.path.endsWith('.paths.txt') ? FITS : rejected('not a *.paths.txt file');
  },
  async load(probe) {
    const file = probe.path as string;
    const root = dirname(file);
    const parts = new Parts();
    const part = parts.of(null);
    const clips: Clip[] = [];
    for (const path of readFileSync(file, 'utf8')
      .split('\n')
      .filter(line => line !== '')) {
      const label = path.slice(0, path.indexOf('/'));
      part.classes.add(label);
      part.tally.count('files', label);
      const { clipId, youtubeId, timeStart, timeEnd } = identifyClip(path.slice(label.length + 1));
      const sizeBytes = statSync(join(root, path)).size;
      clips.push({ path, label, clipId, youtubeId, timeStart, timeEnd, split: null, sizeBytes });
    }
    return { given: probe.recordAs, root, layout: 'path-list', clips, parts };
  },
};
