import { detectLayout, type Layout } from '../../scan/layout.js';
import type { LoadedInput, LoaderProbe } from './types.js';
import { walkOptions } from './walk-options.js';

// Both tree loaders ask; the peek is made once a probe.
const layouts = new WeakMap<LoaderProbe, Layout>();

/** How the top folders read, by where videos sit (see detectLayout): the class and split tree loaders' test. */
export function treeLayoutOf(probe: LoaderProbe): Layout {
  let layout = layouts.get(probe);
  if (layout === undefined) {
    layout = detectLayout(probe.path as string, probe.top, probe.extensions).layout;
    layouts.set(probe, layout);
  }
  return layout;
}

/** Walks a class or split tree: the folders name the classes (and splits). */
export async function loadTree(probe: LoaderProbe): Promise<LoadedInput> {
  const options = walkOptions(probe);
  const root = probe.path as string;
  // Loaded only when a tree is walked.
  const [{ walkClassTree }, { countListing }] = await Promise.all([
    import('../class-tree.js'),
    import('../count-listing.js'),
  ]);
  const walk = await walkClassTree(root, probe.top, {
    ...options,
    split: probe.options.split,
    rejectedTop: probe.rejectedTop,
  });
  for (const { listing, split, label } of walk.listings) countListing(walk.parts.of(split), listing, label);
  return {
    given: probe.recordAs,
    root,
    layout: walk.layout,
    probed: probe.options.probe !== undefined,
    clips: walk.table,
    parts: walk.parts,
    labelSpace: walk.labelSpace,
  };
}
