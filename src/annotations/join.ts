import type { Clip } from '../clip.js';
import type { Probed } from '../scan/folder-scan.js';
import { keepFirst } from '../source/duplicates.js';
import type { AnnotationRow } from './read-annotations.js';

/** A video file found by a walk, before it is joined to annotations. */
export interface FoundFile {
  /** Relative to the dataset root, `/`-separated. */
  readonly path: string;
  /** Clip id from the file's own name and place (see clipIdOf). */
  readonly clipId: string;
  /** The file name without extension: a clip id, or a youtube id alone. */
  readonly stem: string;
  readonly sizeBytes: number;
  /** The class folder it sits in, in a class tree. */
  readonly folderLabel: string | null;
  /** The split its folders place it in, if any: where it is reported when no row knows it. */
  readonly folderSplit: string | null;
  /** Its header probe, when probed. */
  readonly probed: Probed | null;
}

export interface JoinResult {
  /** One clip per annotated row that has a file: identity, label and split from the row. */
  readonly clips: Clip[];
  /** The annotation row of each clip, aligned with `clips`. */
  readonly rows: AnnotationRow[];
  /** The file each clip came from, aligned with `clips`. */
  readonly files: FoundFile[];
  /** Rows no file answers to. */
  readonly missing: AnnotationRow[];
  /** Files no row knows, with the reason. */
  readonly unannotated: FoundFile[];
  /** Second and later files for one row, with the row and the file kept. */
  readonly duplicates: { row: AnnotationRow; kept: FoundFile; dropped: FoundFile[] }[];
  /** Rows whose clip id came twice with different labels: the first row read is kept. */
  readonly conflicts: { kept: AnnotationRow; ignored: AnnotationRow }[];
}

/** Files of one row: the copy kept is chosen as for any duplicate (see keepFirst). */
function preferred(a: FoundFile, b: FoundFile): number {
  return keepFirst(asCopy(a), asCopy(b));
}

function asCopy(file: FoundFile): Pick<Clip, 'path' | 'sizeBytes' | 'probe'> {
  return { path: file.path, sizeBytes: file.sizeBytes, probe: file.probed?.probe ?? null };
}

/**
 * Joins files to annotation rows by clip id `{youtube_id}_{time_start:06d}_{time_end:06d}`. A file named by
 * the youtube id alone joins when that id has exactly one row; the same youtube id may have several rows
 * with other segments (Kinetics-700 val has dozens), and those are several clips.
 */
export function joinFiles(files: readonly FoundFile[], rows: readonly AnnotationRow[]): JoinResult {
  const byId = new Map<string, AnnotationRow>();
  const byYoutubeId = new Map<string, AnnotationRow[]>();
  const conflicts: JoinResult['conflicts'] = [];
  for (const row of rows) {
    const seen = byId.get(row.clipId);
    if (seen !== undefined) {
      if (seen.label !== row.label) conflicts.push({ kept: seen, ignored: row });
      continue;
    }
    byId.set(row.clipId, row);
    const same = byYoutubeId.get(row.youtubeId);
    if (same === undefined) byYoutubeId.set(row.youtubeId, [row]);
    else same.push(row);
  }
  const found = new Map<string, FoundFile[]>();
  const unannotated: FoundFile[] = [];
  for (const file of files) {
    const only = byYoutubeId.get(file.stem);
    const row = byId.get(file.clipId) ?? byId.get(file.stem) ?? (only?.length === 1 ? only[0] : undefined);
    if (row === undefined) {
      unannotated.push(file);
      continue;
    }
    const list = found.get(row.clipId);
    if (list === undefined) found.set(row.clipId, [file]);
    else list.push(file);
  }
  const result: JoinResult = { clips: [], rows: [], files: [], missing: [], unannotated, duplicates: [], conflicts };
  for (const row of byId.values()) {
    const candidates = found.get(row.clipId);
    if (candidates === undefined) {
      result.missing.push(row);
      continue;
    }
    const [kept, ...dropped] = candidates.length === 1 ? candidates : [...candidates].sort(preferred);
    const file = kept as FoundFile;
    if (dropped.length > 0) result.duplicates.push({ row, kept: file, dropped });
    result.rows.push(row);
    result.files.push(file);
    result.clips.push({
      path: file.path,
      label: row.label,
      clipId: row.clipId,
      youtubeId: row.youtubeId,
      timeStart: row.timeStart,
      timeEnd: row.timeEnd,
      split: row.split,
      sizeBytes: file.sizeBytes,
      ...(file.probed === null ? {} : { probe: file.probed.probe, mtimeMs: file.probed.mtimeMs }),
    });
  }
  return result;
}
