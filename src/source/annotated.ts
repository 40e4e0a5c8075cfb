import { posix } from 'node:path';
import { type FoundFiles, joinFiles } from '../annotations/join.js';
import { type Annotations, recordedFiles } from '../annotations/read-annotations.js';
import { normalizeSplit } from '../annotations/split-names.js';
import { compareCodePoints } from '../clip.js';
import { ClassMatcher, spell } from '../labels/spellings.js';
import { clipIdOf } from '../scan/clip-name.js';
import type { ClipTable } from '../scan/clip-table.js';
import { ContentFingerprint } from '../scan/fingerprint.js';
import { type ScanFoldersOptions, scanFolders } from '../scan/folder-pool.js';
import type { FolderListing, Probed } from '../scan/folder-scan.js';
import { detectLayout, listSubfolders } from '../scan/layout.js';
import { DEFAULT_SEED } from '../select/clip-key.js';
import { type TreeWalk, walkClassTree } from './class-tree.js';
import { ClipColumns } from './clip-columns.js';
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
  annotations: Annotations,
  options: AnnotatedOptions,
): Promise<Omit<SourceInput, 'given' | 'split'>> {
  const parts = new Parts();
  let files: FoundFiles;
  let layout: Layout;
  if (!options.cvdf && isClassTree(root, topFolders, namesAClass(annotations), options.extensions)) {
    const walk = await walkClassTree(root, topFolders, options);
    layout = `${walk.layout}+annotations`;
    files = classWalkFiles(walk, parts);
  } else {
    layout = options.cvdf ? 'cvdf' : 'flat+annotations';
    // The annotation CSVs' own folder holds no clips; its files are not 'unexpected' ones.
    const folders = ['', ...topFolders.filter(name => name !== 'annotations').sort(compareCodePoints)];
    files = flatFiles(await scanFolders(root, folders, options.extensions, options), annotations, parts);
  }
  return reconcileFiles(root, layout, annotations, files, parts, options.seed ?? DEFAULT_SEED);
}

/**
 * Joins the files found below a root (by a walk, or from a listing's keys) to the annotation rows, counts
 * every finding in `parts`, and fills the clip table: what the walk found is reconciled the same way whichever
 * way it was found. One row a clip, with its keys for `seed` and the fingerprint summed as it goes.
 */
export function reconcileFiles(
  root: string,
  layout: Layout,
  annotations: Annotations,
  files: FoundFiles,
  parts: Parts,
  seed: string,
): Omit<SourceInput, 'given' | 'split'> {
  const { table } = annotations;
  const joined = joinFiles(files, table);
  // A video is counted in the split and class of its row; one no row knows, where its folders put it.
  const rowOf = new Int32Array(files.count).fill(-1);
  joined.files.forEach((file, i) => {
    rowOf[file] = joined.rows[i] as number;
  });
  for (const { row, dropped } of joined.duplicates) for (const file of dropped) rowOf[file] = row;
  for (let file = 0; file < files.count; file++) {
    const row = rowOf[file] as number;
    const label = row < 0 ? files.folderLabel(file) : table.label(row);
    const part = parts.of(row < 0 ? files.folderSplit(file) : table.split(row));
    part.tally.count('files', label);
    if (files.sizeBytes(file) === 0) part.tally.count('zero_byte', label, files.path(file));
    else if (files.probed(file)?.probe.status === 'corrupt') part.tally.count('corrupt', label, files.path(file));
  }
  for (let row = 0; row < table.length; row++) {
    const label = table.label(row);
    if (label !== null) parts.of(table.split(row)).classes.add(label);
  }
  const fingerprint = new ContentFingerprint();
  const clips = new ClipColumns(seed, fingerprint);
  const classes: SameClass = new Map();
  joined.rows.forEach((row, i) => {
    const file = joined.files[i] as number;
    const split = table.split(row);
    const label = table.label(row);
    const part = parts.of(split);
    part.tally.count('annotated', label);
    part.tally.count('matched', label);
    const path = files.path(file);
    const folderLabel = files.folderLabel(file);
    if (folderLabel !== null && label !== null && !sameClass(folderLabel, label, classes)) {
      part.disagreements.count += 1;
      if (part.disagreements.examples.length < 20)
        part.disagreements.examples.push(`${path}: folder '${folderLabel}', annotation '${label}'`);
    }
    const clipId = table.clipId(row);
    const sizeBytes = files.sizeBytes(file);
    fingerprint.add(clipId, sizeBytes);
    clips.add({
      path,
      label,
      clipId,
      split,
      sizeBytes,
      youtubeId: table.youtubeId(row),
      timeStart: table.timeStart(row),
      timeEnd: table.timeEnd(row),
      probed: files.probed(file),
    });
  });
  for (const row of joined.missing) {
    const part = parts.of(table.split(row));
    part.tally.count('annotated', table.label(row));
    part.tally.count('missing', table.label(row), table.clipId(row));
  }
  for (const file of joined.unannotated)
    parts.of(files.folderSplit(file)).tally.count('unannotated', files.folderLabel(file), files.path(file));
  for (const { row, kept, dropped } of joined.duplicates) {
    const part = parts.of(table.split(row));
    const paths = dropped.map(file => files.path(file));
    part.duplicates.push({
      split: table.split(row),
      label: table.label(row),
      clipId: table.clipId(row),
      kept: files.path(kept),
      dropped: [...paths].sort(compareCodePoints),
    });
    for (const path of paths) part.tally.count('duplicates', table.label(row), path);
  }
  for (const { kept, ignored } of joined.conflicts)
    parts.of(table.split(kept)).problems.push(table.conflict(kept, ignored));
  return { root, layout, ...recordedFiles(annotations), clips: clips.finish(), parts };
}

/** A file's name without its extension: what annotations call a clip when its name is not Kinetics'. */
export function stem(path: string): string {
  const name = posix.basename(path);
  return name.slice(0, name.length - posix.extname(name).length);
}

/**
 * What a walk of class folders (of a disk, or of a listing's keys) gives the join with annotations: each part's
 * problems and each folder's counts go to `parts`, under the annotations' split names, and its table's rows
 * are the files found.
 */
export function classWalkFiles(walk: Pick<TreeWalk, 'parts' | 'listings' | 'table'>, parts: Parts): FoundFiles {
  for (const part of walk.parts.all()) {
    const problems = parts.of(part.split === null ? null : normalizeSplit(part.split)).problems;
    for (const problem of part.problems) problems.push(problem);
  }
  for (const { listing, split, label } of walk.listings)
    countListing(parts.of(split === null ? null : normalizeSplit(split)), listing, label, false);
  return new TableFiles(walk.table);
}

/** The rows of a walk's clip table as found files: a class folder gives each its label and split. */
class TableFiles implements FoundFiles {
  private readonly splits: (string | null)[];
  constructor(private readonly table: ClipTable) {
    this.splits = table.folders.map(folder => (folder.split === null ? null : normalizeSplit(folder.split)));
  }
  get count(): number {
    return this.table.rows;
  }
  path(file: number): string {
    return `${this.table.folderOfRow(file).path}/${this.table.fileOf(file)}`;
  }
  clipId(file: number): string {
    return this.table.clipId(file);
  }
  stem(file: number): string {
    return stem(this.table.fileOf(file));
  }
  sizeBytes(file: number): number {
    return this.table.sizes[file] as number;
  }
  folderLabel(file: number): string | null {
    return this.table.folderOfRow(file).label;
  }
  folderSplit(file: number): string | null {
    return this.splits[this.table.folderOf[file] as number] ?? null;
  }
  probed(file: number): Probed | null {
    return this.table.probes?.[file] ?? null;
  }
}

/**
 * The files of folders that label nothing (a CVDF download's split folders, a flat root), found by a walk of a
 * disk or of a listing's keys: each folder's counts go to `parts`, under its split when the annotations
 * have a split of its name.
 */
export function flatFiles(listings: readonly FolderListing[], annotations: Annotations, parts: Parts): FlatFiles {
  const splits = new Set(annotations.table.splitNames());
  return new FlatFiles(
    listings.map(listing => {
      const first = normalizeSplit(listing.folder.split('/')[0] as string);
      const split = splits.has(first) ? first : null;
      countListing(parts.of(split), listing, null, false);
      return { ...listing, split };
    }),
  );
}

/**
 * Whether a folder name is one of the annotations' labels, in any spelling: what makes a root with
 * annotations a class tree.
 */
export function namesAClass(annotations: Annotations): (name: string) => boolean {
  const labels = annotations.table.labelNames().filter(label => label !== null);
  const matcher = new ClassMatcher([...new Set(labels)]);
  return name => {
    try {
      return matcher.find(name, '--annotations') !== undefined;
    } catch {
      return true; // a name that could be two labels is still a label
    }
  };
}

/** A folder's videos that no class folder labels: a CVDF split folder, the root of a flat download. */
export interface FlatFolder {
  /** Relative to the root; '' for the root itself. */
  readonly folder: string;
  /** The split its folder names, when the annotations have that split. */
  readonly split: string | null;
  readonly files: readonly string[];
  readonly sizes: ArrayLike<number>;
  readonly probes: readonly (Probed | null)[] | null;
}

/** Files of folders that hold clips without labelling them: their ids come from their names alone. */
export class FlatFiles implements FoundFiles {
  readonly count: number;
  private readonly folderOf: Uint32Array;
  private readonly firstOf: Uint32Array;

  constructor(private readonly folders: readonly FlatFolder[]) {
    this.count = folders.reduce((n, folder) => n + folder.files.length, 0);
    this.folderOf = new Uint32Array(this.count);
    this.firstOf = new Uint32Array(folders.length);
    let first = 0;
    folders.forEach((folder, f) => {
      this.firstOf[f] = first;
      this.folderOf.fill(f, first, first + folder.files.length);
      first += folder.files.length;
    });
  }
  private folderAt(file: number): FlatFolder {
    return this.folders[this.folderOf[file] as number] as FlatFolder;
  }
  private name(file: number): string {
    const f = this.folderOf[file] as number;
    return (this.folders[f] as FlatFolder).files[file - (this.firstOf[f] as number)] as string;
  }
  path(file: number): string {
    const { folder } = this.folderAt(file);
    return folder === '' ? this.name(file) : `${folder}/${this.name(file)}`;
  }
  clipId(file: number): string {
    return clipIdOf(this.name(file));
  }
  stem(file: number): string {
    return stem(this.name(file));
  }
  sizeBytes(file: number): number {
    const f = this.folderOf[file] as number;
    return (this.folders[f] as FlatFolder).sizes[file - (this.firstOf[f] as number)] as number;
  }
  folderLabel(): null {
    return null;
  }
  folderSplit(file: number): string | null {
    return this.folderAt(file).split;
  }
  probed(file: number): Probed | null {
    const f = this.folderOf[file] as number;
    return (this.folders[f] as FlatFolder).probes?.[file - (this.firstOf[f] as number)] ?? null;
  }
}

// Whether a class folder and a label name one class, by folder and label: a class tree asks once a clip.
type SameClass = Map<string, Map<string, boolean>>;

function sameClass(folder: string, label: string, known: SameClass): boolean {
  let byLabel = known.get(folder);
  if (byLabel === undefined) {
    byLabel = new Map();
    known.set(folder, byLabel);
  }
  let same = byLabel.get(label);
  if (same === undefined) {
    same = spell(folder, 'torchvision').toLowerCase() === spell(label, 'torchvision').toLowerCase();
    byLabel.set(label, same);
  }
  return same;
}

/**
 * Whether a root with annotations is a class tree: its class folders (top-level, or below split folders)
 * are named after annotation labels, in any spelling. Otherwise its folders are only storage.
 */
function isClassTree(
  root: string,
  topFolders: readonly string[],
  isLabel: (name: string) => boolean,
  extensions: ReadonlySet<string>,
): boolean {
  const detected = detectLayout(root, topFolders, extensions);
  if (detected.layout === 'class-tree') return topFolders.some(isLabel);
  const first = detected.splits[0];
  return first !== undefined && listSubfolders(`${root}/${first}`).some(isLabel);
}
