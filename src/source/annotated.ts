import { posix } from 'node:path';
import { type FoundFile, joinFiles } from '../annotations/join.js';
import { type AnnotationFile, type AnnotationRow, normalizeSplit } from '../annotations/read-annotations.js';
import { compareCodePoints } from '../clip.js';
import { ClassMatcher, spell } from '../labels/spellings.js';
import { clipIdOf } from '../scan/clip-name.js';
import { type ScanFoldersOptions, scanFolders } from '../scan/folder-pool.js';
import { detectLayout, listSubfolders } from '../scan/layout.js';
import { type TreeWalk, walkClassTree } from './class-tree.js';
import { countListing } from './count-listing.js';
import { Parts } from './part.js';
import type { Layout, SourceInput } from './source.js';

export interface AnnotatedOptions extends ScanFoldersOptions {
  readonly extensions: ReadonlySet<string>;
  /** True for a root found to be a CVDF download (annotations/<split>.csv beside <split>/ folders). */
  readonly cvdf: boolean;
}

/**
 * Reads a root whose labels come from annotation CSVs: a CVDF download (flat folders of clips), any other
 * folder of clips, or a class tree whose folder names then only serve to report disagreements. Everything
 * below the root is walked, so `--split` (applied to the result) means the same as on an index.
 */
export async function loadAnnotated(
  root: string,
  topFolders: readonly string[],
  annotations: readonly AnnotationFile[],
  options: AnnotatedOptions,
): Promise<Omit<SourceInput, 'given' | 'split'>> {
  const rows = annotations.flatMap(file => file.rows);
  const rowSplits = new Set(rows.flatMap(row => (row.split === null ? [] : [row.split])));
  const parts = new Parts();
  const files: FoundFile[] = [];
  let layout: Layout;
  const labels = rows.flatMap(row => (row.label === null ? [] : [row.label]));
  if (!options.cvdf && isClassTree(root, topFolders, labels, options.extensions)) {
    const walk = await walkClassTree(root, topFolders, options);
    layout = `${walk.layout}+annotations`;
    files.push(...classWalkFiles(walk, parts));
  } else {
    layout = options.cvdf ? 'cvdf' : 'flat+annotations';
    // The annotation CSVs' own folder holds no clips; its files are not 'unexpected' ones.
    const folders = ['', ...topFolders.filter(name => name !== 'annotations').sort(compareCodePoints)];
    const listings = await scanFolders(root, folders, options.extensions, options);
    for (const listing of listings) {
      const first = listing.folder.split('/')[0] as string;
      const split = rowSplits.has(normalizeSplit(first)) ? normalizeSplit(first) : null;
      countListing(parts.of(split), listing, null, false);
      listing.files.forEach((file, i) => {
        const path = listing.folder === '' ? file : `${listing.folder}/${file}`;
        files.push({
          path,
          clipId: clipIdOf(file),
          stem: stem(file),
          sizeBytes: listing.sizes[i] as number,
          folderLabel: null,
          folderSplit: split,
          probed: listing.probes?.[i] ?? null,
        });
      });
    }
  }

  return reconcileFiles(root, layout, annotations, files, parts);
}

/**
 * Joins the files found below a root (by a walk, or from a listing's keys) to the annotation rows, and counts
 * every finding in `parts`: what the walk found is reconciled the same way whichever way it was found.
 */
export function reconcileFiles(
  root: string,
  layout: Layout,
  annotations: readonly AnnotationFile[],
  files: readonly FoundFile[],
  parts: Parts,
): Omit<SourceInput, 'given' | 'split'> {
  const rows = annotations.flatMap(file => file.rows);
  const joined = joinFiles(files, rows);
  // A video is counted in the split and class of its row; one no row knows, where its folders put it.
  const rowOf = new Map<FoundFile, AnnotationRow>();
  joined.files.forEach((file, i) => {
    rowOf.set(file, joined.rows[i] as AnnotationRow);
  });
  for (const { row, dropped } of joined.duplicates) for (const file of dropped) rowOf.set(file, row);
  for (const file of files) {
    const row = rowOf.get(file);
    const label = row === undefined ? file.folderLabel : row.label;
    const part = parts.of(row === undefined ? file.folderSplit : row.split);
    part.tally.count('files', label);
    if (file.sizeBytes === 0) part.tally.count('zero_byte', label, file.path);
    else if (file.probed?.probe.status === 'corrupt') part.tally.count('corrupt', label, file.path);
  }
  for (const row of rows) if (row.label !== null) parts.of(row.split).classes.add(row.label);
  joined.clips.forEach((clip, i) => {
    const part = parts.of(clip.split);
    part.tally.count('annotated', clip.label);
    part.tally.count('matched', clip.label);
    const file = joined.files[i] as FoundFile;
    if (file.folderLabel !== null && clip.label !== null && !sameClass(file.folderLabel, clip.label)) {
      part.disagreements.count += 1;
      if (part.disagreements.examples.length < 20)
        part.disagreements.examples.push(`${file.path}: folder '${file.folderLabel}', annotation '${clip.label}'`);
    }
  });
  for (const row of joined.missing) {
    const part = parts.of(row.split);
    part.tally.count('annotated', row.label);
    part.tally.count('missing', row.label, row.clipId);
  }
  for (const file of joined.unannotated)
    parts.of(file.folderSplit).tally.count('unannotated', file.folderLabel, file.path);
  for (const { row, kept, dropped } of joined.duplicates) {
    const part = parts.of(row.split);
    part.duplicates.push({
      split: row.split,
      label: row.label,
      clipId: row.clipId,
      kept: kept.path,
      dropped: dropped.map(f => f.path).sort(compareCodePoints),
    });
    for (const file of dropped) part.tally.count('duplicates', row.label, file.path);
  }
  for (const { kept, ignored } of joined.conflicts) {
    parts.of(kept.split).problems.push({
      path: ignored.file,
      message: `clip ${kept.clipId} is '${ignored.label}' here but '${kept.label}' in ${kept.file}; the first is kept`,
    });
  }
  const unlabeled = annotations.filter(file => !file.hasLabels && file.rows.length > 0).map(file => file.file);
  return { root, layout, annotations: annotations.map(file => file.file), unlabeled, clips: joined.clips, parts };
}

/** A file's name without its extension: what annotations call a clip when its name is not Kinetics'. */
export function stem(path: string): string {
  const name = posix.basename(path);
  return name.slice(0, name.length - posix.extname(name).length);
}

/**
 * What a walk of class folders (of a disk, or of a listing's keys) gives the join with annotations: each part's
 * problems and each folder's counts go to `parts`, under the annotations' split names, and its clips come back
 * as found files.
 */
export function classWalkFiles(walk: Pick<TreeWalk, 'parts' | 'listings' | 'table'>, parts: Parts): FoundFile[] {
  for (const part of walk.parts.all())
    parts.of(part.split === null ? null : normalizeSplit(part.split)).problems.push(...part.problems);
  for (const { listing, split, label } of walk.listings)
    countListing(parts.of(split === null ? null : normalizeSplit(split)), listing, label, false);
  const files: FoundFile[] = [];
  for (let row = 0; row < walk.table.rows; row++) {
    const clip = walk.table.look(row);
    const split = clip.split === null ? null : normalizeSplit(clip.split);
    files.push({
      path: clip.path,
      clipId: clip.clipId,
      stem: stem(clip.path),
      sizeBytes: clip.sizeBytes,
      folderLabel: clip.label,
      folderSplit: split,
      probed: clip.probe === null ? null : { probe: clip.probe, mtimeMs: clip.mtimeMs as number },
    });
  }
  return files;
}

function sameClass(a: string, b: string): boolean {
  return spell(a, 'torchvision').toLowerCase() === spell(b, 'torchvision').toLowerCase();
}

/**
 * Whether a root with annotations is a class tree: its class folders (top-level, or below split folders)
 * are named after annotation labels, in any spelling. Otherwise its folders are only storage.
 */
function isClassTree(
  root: string,
  topFolders: readonly string[],
  labels: readonly string[],
  extensions: ReadonlySet<string>,
): boolean {
  const matcher = new ClassMatcher([...new Set(labels)]);
  const isLabel = (name: string): boolean => {
    try {
      return matcher.find(name, '--annotations') !== undefined;
    } catch {
      return true; // a name that could be two labels is still a label
    }
  };
  const detected = detectLayout(root, topFolders, extensions);
  if (detected.layout === 'class-tree') return topFolders.some(isLabel);
  const first = detected.splits[0];
  return first !== undefined && listSubfolders(`${root}/${first}`).some(isLabel);
}
