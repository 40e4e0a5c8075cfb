import { type AnnotationRow, readAnnotationFile } from '../annotations/read-annotations.js';
import type { Clip } from '../clip.js';
import { DatasetError } from '../errors.js';
import { ContentFingerprint } from '../scan/fingerprint.js';
import { DEFAULT_SEED } from '../select/clip-key.js';
import { ClipList } from '../select/clip-rows.js';
import { plannedTarget } from '../write/writers/download-rows.js';
import { Parts } from './part.js';
import { assembleSource, type Source, type SourceInput } from './source.js';

export interface AnnotationsOnlyOptions {
  readonly split?: string | undefined;
}

/**
 * The fingerprint of a source without files: the sum, modulo 2^128, of MD5(`<clip id>\t<label>\t<split>`)
 * over its rows (empty for a null). Like the file fingerprint it ignores row order; unlike it, it sees a
 * relabelled row, since the rows are all the source is.
 */
export function annotationRowsFingerprint(clips: readonly Clip[]): string {
  const fingerprint = new ContentFingerprint();
  for (const clip of clips) fingerprint.addText(`${clip.clipId}\t${clip.label ?? ''}\t${clip.split ?? ''}`);
  return fingerprint.digest();
}

/**
 * A source of annotation CSVs alone, before any download: one clip a distinct clip id, its label and split
 * from the row that names it first, and the path a download plan gives it, `<split>/<label>/<clip_id>.mp4`.
 * Selection keys on clip identity and quotas count annotated rows, so it selects what a complete download
 * with the same annotations would.
 */
export function loadAnnotationsOnly(files: readonly string[], options: AnnotationsOnlyOptions = {}): Source {
  return assembleSource({ ...annotationsOnlyInput(files), split: options.split });
}

/** What the annotations-only loader reads: the clips of the rows and their report, to assemble. */
export function annotationsOnlyInput(files: readonly string[], seed = DEFAULT_SEED): Omit<SourceInput, 'split'> {
  const annotations = files.map(file => readAnnotationFile(file));
  const parts = new Parts();
  const clips: Clip[] = [];
  const first = new Map<string, AnnotationRow>();
  for (const row of annotations.flatMap(file => file.rows)) {
    const seen = first.get(row.clipId);
    if (seen !== undefined) {
      // Joining files to rows keeps the first row too; a second with another label is reported, as there.
      if (seen.label !== row.label)
        parts.of(seen.split).problems.push({
          path: row.file,
          message: `clip ${row.clipId} is '${row.label}' here but '${seen.label}' in ${seen.file}; the first is kept`,
        });
      continue;
    }
    first.set(row.clipId, row);
    const part = parts.of(row.split);
    part.tally.count('annotated', row.label);
    if (row.label !== null) part.classes.add(row.label);
    clips.push({
      path: plannedTarget(row.split, row.label, row.clipId),
      label: row.label,
      clipId: row.clipId,
      youtubeId: row.youtubeId,
      timeStart: row.timeStart,
      timeEnd: row.timeEnd,
      split: row.split,
      sizeBytes: null,
    });
  }
  if (clips.length === 0)
    throw new DatasetError(
      `--annotations: no rows in ${files.join(', ')}`,
      'give annotation CSVs with a header and one row a clip',
    );
  return {
    given: '',
    root: '',
    layout: 'annotations',
    annotations: annotations.map(file => file.file),
    unlabeled: annotations.filter(file => !file.hasLabels && file.rows.length > 0).map(file => file.file),
    // One row a clip id already, and fingerprinted by its rows.
    clips: new ClipList(clips, seed, { unique: true, fingerprint: annotationRowsFingerprint(clips) }),
    parts,
    fingerprintOf: annotationRowsFingerprint,
  };
}
