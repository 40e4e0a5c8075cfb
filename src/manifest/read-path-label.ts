import { DatasetError } from '../errors.js';
import { kineticsFields, stripExtension } from '../scan/clip-name.js';
import type { ManifestClass, ManifestClip, Provenance } from './schema.js';

/** The list formats k400-slice writes as `path<separator>label_index` lines, with a `.meta.json` sidecar. */
export const PATH_LABEL_FORMATS = ['mmaction', 'pytorchvideo', 'dali'] as const;

// The separator is a space, a tab or a comma (--separator); a path may hold the others, so the label index
// is what follows the last one.
const LINE = /^(.*\S)[ \t,]+(\d+)$/;

/** Whether text with no CSV header reads as `path label_index` lines (a list whose sidecar is missing). */
export function looksLikePathLabel(text: string): boolean {
  const lines = text.split(/\r?\n/).filter(line => line.trim() !== '');
  return lines.length > 0 && lines.every(line => LINE.test(line));
}

/**
 * Rows of an mmaction2, PyTorchVideo/SlowFast or DALI list. Labels come from the sidecar's label space, the
 * split from the part or the one split the provenance read; without a sidecar both are unknown (null).
 */
export function readPathLabelRows(
  file: string,
  text: string,
  provenance: Provenance | null,
  classes: readonly ManifestClass[] | null,
): ManifestClip[] {
  const labelOf = new Map((classes ?? []).map(c => [c.label_index, c.label]));
  const split = splitOf(provenance);
  const clips: ManifestClip[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const match = LINE.exec(line);
    if (match === null)
      throw new DatasetError(
        `manifest ${file}: row ${i + 1}: not a 'path label_index' line`,
        'write it again with k400-slice slice, or fix that row',
      );
    const path = match[1] as string;
    const labelIndex = Number(match[2]);
    const clipId = clipIdOfPath(path, split);
    clips.push({
      path,
      label: labelOf.get(labelIndex) ?? null,
      label_index: labelIndex,
      clip_id: clipId,
      ...renameKinetics(kineticsFields(clipId)),
      split,
      size_bytes: null,
    });
  });
  return clips;
}

function splitOf(provenance: Provenance | null): string | null {
  if (provenance === null) return null;
  if (typeof provenance.part === 'string') return provenance.part;
  return provenance.source.splits.length === 1 ? (provenance.source.splits[0] as string) : null;
}

/**
 * A list holds only paths: a Kinetics-named file is its stem wherever it sits, any other the path below its
 * split and class folders (what the tree walk calls it), without extension.
 */
function clipIdOfPath(path: string, split: string | null): string {
  const stem = stripExtension(path);
  const base = stem.slice(stem.lastIndexOf('/') + 1);
  if (kineticsFields(base).youtubeId !== null) return base;
  const folders = stem.split('/');
  if (split !== null && folders[0] === split) folders.shift();
  return folders.length > 1 ? folders.slice(1).join('/') : stem;
}

function renameKinetics(
  fields: ReturnType<typeof kineticsFields>,
): Pick<ManifestClip, 'youtube_id' | 'time_start' | 'time_end'> {
  return { youtube_id: fields.youtubeId, time_start: fields.timeStart, time_end: fields.timeEnd };
}
