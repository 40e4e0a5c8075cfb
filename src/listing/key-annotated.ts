import type { FoundFiles } from '../annotations/join.js';
import { type Annotations, normalizeSplit } from '../annotations/read-annotations.js';
import { compareCodePoints } from '../clip.js';
import { ClassMatcher } from '../labels/spellings.js';
import { classWalkFiles, FlatFiles, type FlatFolder, reconcileFiles } from '../source/annotated.js';
import { countListing } from '../source/count-listing.js';
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
  const { table } = annotations;
  const rowSplits = new Set(table.splitNames().filter(split => split !== null));
  const labels = table.labelNames().filter(label => label !== null);
  const parts = new Parts();
  let files: FoundFiles;
  let layout: Layout;
  if (!options.cvdf && isKeyClassTree(tree, labels, options.extensions)) {
    const walk = await walkKeyTree(tree, options);
    layout = `${walk.layout}+annotations`;
    files = classWalkFiles(walk, parts);
  } else {
    layout = options.cvdf ? 'cvdf' : 'flat+annotations';
    // The annotation CSVs' own folder holds no clips; its files are not 'unexpected' ones.
    const top = tree.visibleFolders().filter(name => name !== 'annotations');
    const folders: FlatFolder[] = [];
    for (const folder of ['', ...top.sort(compareCodePoints)]) {
      const node = folder === '' ? tree : (tree.folders.get(folder) as KeyFolder);
      const listing = scanKeyFolder(node, folder, options.extensions, options.seed, '', folder !== '');
      const first = normalizeSplit(folder.split('/')[0] as string);
      const split = rowSplits.has(first) ? first : null;
      countListing(parts.of(split), listing, null, false);
      folders.push({ folder, split, files: listing.files, sizes: listing.sizes, probes: null });
    }
    files = new FlatFiles(folders);
  }
  return reconcileFiles(root, layout, annotations, files, parts, options.seed);
}

/** Whether the keys' class folders (top-level, or below split folders) are named after annotation labels. */
function isKeyClassTree(tree: KeyFolder, labels: readonly string[], extensions: ReadonlySet<string>): boolean {
  const matcher = new ClassMatcher([...new Set(labels)]);
  const isLabel = (name: string): boolean => {
    try {
      return matcher.find(name, '--annotations') !== undefined;
    } catch {
      return true; // a name that could be two labels is still a label
    }
  };
  const detected = detectKeyLayout(tree, extensions);
  if (detected.layout === 'class-tree') return tree.visibleFolders().some(isLabel);
  const first = detected.splits[0];
  return first !== undefined && (tree.at(first)?.visibleFolders() ?? []).some(isLabel);
}
