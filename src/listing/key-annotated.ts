import type { FoundFiles } from '../annotations/join.js';
import type { Annotations } from '../annotations/read-annotations.js';
import { compareCodePoints } from '../clip.js';
import { classWalkFiles, flatFiles, namesAClass, reconcileFiles } from '../source/annotated.js';
import { Parts } from '../source/part.js';
import type { Layout, SourceInput } from '../source/source.js';
import { scanKeyFolder } from './key-scan.js';
import type { KeyFolder } from './key-tree.js';
import { detectKeyLayout, walkKeyTree } from './key-walk.js';

export interface KeyAnnotatedOptions {
  readonly extensions: ReadonlySet<string>;
  readonly seed: string;
  /** True for keys laid out as a CVDF download (annotations/<split>.csv beside <split>/ folders). */
  readonly cvdf: boolean;
}

/**
 * Reads keys whose labels come from annotation CSVs, as loadAnnotated reads a folder: a CVDF download or any
 * flat keys, or a class or split tree named after the labels, whose folders then only report disagreements.
 * Every split is read; the join and its findings are loadAnnotated's own (reconcileFiles).
 */
export async function loadKeyAnnotated(
  root: string,
  tree: KeyFolder,
  annotations: Annotations,
  options: KeyAnnotatedOptions,
): Promise<Omit<SourceInput, 'given' | 'split'>> {
  const parts = new Parts();
  let files: FoundFiles;
  let layout: Layout;
  if (!options.cvdf && isKeyClassTree(tree, namesAClass(annotations), options.extensions)) {
    const walk = await walkKeyTree(tree, options);
    layout = `${walk.layout}+annotations`;
    files = classWalkFiles(walk, parts);
  } else {
    layout = options.cvdf ? 'cvdf' : 'flat+annotations';
    // The annotation CSVs' own folder holds no clips; its files are not 'unexpected' ones.
    const top = tree.visibleFolders().filter(name => name !== 'annotations');
    const listings = ['', ...top.sort(compareCodePoints)].map(folder => {
      const node = folder === '' ? tree : (tree.folders.get(folder) as KeyFolder);
      return scanKeyFolder(node, folder, options.extensions, options.seed, '', folder !== '');
    });
    files = flatFiles(listings, annotations, parts);
  }
  return reconcileFiles(root, layout, annotations, files, parts, options.seed);
}

/** Whether the keys' class folders (top-level, or below split folders) are named after annotation labels. */
function isKeyClassTree(tree: KeyFolder, isLabel: (name: string) => boolean, extensions: ReadonlySet<string>): boolean {
  const detected = detectKeyLayout(tree, extensions);
  if (detected.layout === 'class-tree') return tree.visibleFolders().some(isLabel);
  const first = detected.splits[0];
  return first !== undefined && (tree.at(first)?.visibleFolders() ?? []).some(isLabel);
}
