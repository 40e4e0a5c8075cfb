import { readAnnotations, recordedFiles } from '../annotations/read-annotations.js';
import type { Clip } from '../clip.js';
import { DatasetError } from '../errors.js';
import { ContentFingerprint } from '../scan/fingerprint.js';
import { DEFAULT_SEED } from '../select/clip-key.js';

import { plannedTarget } from '../write/writers/download-rows.js';
import { ClipColumns } from './clip-columns.js';
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
  const annotations = readAnnotations(files);
  const { table } = annotations;
  const parts = new Parts();
  const fingerprint = new ContentFingerprint();
  const clips = new ClipColumns(seed, fingerprint);
  const first = new Map<string, number>();
  for (let row = 0; row < table.length; row++) {
    const clipId = table.clipId(row);
    const label = table.label(row);
    const split = table.split(row);
    const seen = first.get(clipId);
    if (seen !== undefined) {
      // Joining files to rows keeps the first row too; a second with another label is reported, as there.
      if (table.label(seen) !== label) parts.of(table.split(seen)).problems.push(table.conflict(seen, row));
      continue;
    }
    first.set(clipId, row);
    const part = parts.of(split);
    part.tally.count('annotated', label);
    if (label !== null) part.classes.add(label);
    // Fingerprinted by its rows, as annotationRowsFingerprint does.
    fingerprint.addText(`${clipId}\t${label ?? ''}\t${split ?? ''}`);
    clips.add({
      path: plannedTarget(split, label, clipId),
      label,
      clipId,
      split,
      sizeBytes: null,
      youtubeId: table.youtubeId(row),
      timeStart: table.timeStart(row),
      timeEnd: table.timeEnd(row),
      probed: null,
    });
  }
  if (clips.rows === 0)
    throw new DatasetError(
      `--annotations: no rows in ${files.join(', ')}`,
      'give annotation CSVs with a header and one row a clip',
    );
  return {
    given: '',
    root: '',
    layout: 'annotations',
    ...recordedFiles(annotations),
    // One row a clip id already.
    clips: clips.finish(),
    parts,
    fingerprintOf: annotationRowsFingerprint,
  };
}
