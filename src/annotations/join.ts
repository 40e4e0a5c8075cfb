import type { Clip } from '../clip.js';
import type { Probed } from '../scan/folder-scan.js';
import { keepFirst } from '../source/duplicates.js';
import { StringIndex } from '../source/string-index.js';
import type { AnnotationTable } from './annotation-table.js';

/**
 * The video files a walk found (of a disk, or of a listing's keys), before they are joined to annotations:
 * a file is a number, and these say what the join and its report need of it.
 */
export interface FoundFiles {
  readonly count: number;
  /** Relative to the dataset root, `/`-separated. */
  path(file: number): string;
  /** Clip id from the file's own name and place (see clipIdOf). */
  clipId(file: number): string;
  /** The file name without extension: a clip id, or a youtube id alone. */
  stem(file: number): string;
  sizeBytes(file: number): number;
  /** The class folder it sits in, in a class tree. */
  folderLabel(file: number): string | null;
  /** The split its folders place it in, if any: where it is reported when no row knows it. */
  folderSplit(file: number): string | null;
  /** Its header probe, when probed. */
  probed(file: number): Probed | null;
}

export interface JoinResult {
  /** The row of each clip: one per annotated clip id that has a file, in the order the rows were read. */
  readonly rows: Uint32Array;
  /** The file of each clip, aligned with `rows`. */
  readonly files: Uint32Array;
  /** Rows no file answers to (the first row of each clip id). */
  readonly missing: number[];
  /** Files no row knows. */
  readonly unannotated: number[];
  /** Second and later files for one row, with the row and the file kept. */
  readonly duplicates: { row: number; kept: number; dropped: number[] }[];
  /** Rows whose clip id came twice with different labels: the first row read is kept. */
  readonly conflicts: { kept: number; ignored: number }[];
}

/**
 * Joins files to annotation rows by clip id `{youtube_id}_{time_start:06d}_{time_end:06d}`. A file named by
 * the youtube id alone joins when that id has exactly one row; the same youtube id may have several rows
 * with other segments (Kinetics-700 val has dozens), and those are several clips. Rows and files are numbers
 * throughout, and rows are found by their ids in typed arrays (see StringIndex).
 */
export function joinFiles(files: FoundFiles, table: AnnotationTable): JoinResult {
  const byId = new StringIndex(table.length, row => table.clipId(row));
  // A youtube id's one row; `several` marks those whose id has other rows.
  const byYoutubeId = new StringIndex(table.length, row => table.youtubeId(row));
  const several = new Uint8Array(table.length);
  const conflicts: JoinResult['conflicts'] = [];
  const first = new Uint8Array(table.length);
  for (let row = 0; row < table.length; row++) {
    const seen = byId.add(row);
    if (seen >= 0) {
      if (table.label(seen) !== table.label(row)) conflicts.push({ kept: seen, ignored: row });
      continue;
    }
    first[row] = 1;
    const other = byYoutubeId.add(row);
    if (other >= 0) several[other] = 1;
  }
  // Each row's first file, and its others when it has more than one (a `replacement/` copy).
  const fileOf = new Int32Array(table.length).fill(-1);
  const others = new Map<number, number[]>();
  const unannotated: number[] = [];
  for (let file = 0; file < files.count; file++) {
    const stem = files.stem(file);
    let row = byId.find(files.clipId(file));
    if (row < 0) row = byId.find(stem);
    if (row < 0) {
      const only = byYoutubeId.find(stem);
      row = only >= 0 && several[only] === 0 ? only : -1;
    }
    if (row < 0) unannotated.push(file);
    else if (fileOf[row] === -1) fileOf[row] = file;
    else {
      const list = others.get(row);
      if (list === undefined) others.set(row, [file]);
      else list.push(file);
    }
  }
  const rows: number[] = [];
  const kept: number[] = [];
  const missing: number[] = [];
  const duplicates: JoinResult['duplicates'] = [];
  for (let row = 0; row < table.length; row++) {
    if (first[row] === 0) continue;
    const file = fileOf[row] as number;
    if (file < 0) {
      missing.push(row);
      continue;
    }
    const more = others.get(row);
    let chosen = file;
    if (more !== undefined) {
      // The copy kept is chosen as for any duplicate (see keepFirst).
      const [best, ...dropped] = [file, ...more].sort((a, b) => keepFirst(asCopy(files, a), asCopy(files, b)));
      chosen = best as number;
      duplicates.push({ row, kept: chosen, dropped });
    }
    rows.push(row);
    kept.push(chosen);
  }
  return { rows: Uint32Array.from(rows), files: Uint32Array.from(kept), missing, unannotated, duplicates, conflicts };
}

function asCopy(files: FoundFiles, file: number): Pick<Clip, 'path' | 'sizeBytes' | 'probe'> {
  return { path: files.path(file), sizeBytes: files.sizeBytes(file), probe: files.probed(file)?.probe ?? null };
}
