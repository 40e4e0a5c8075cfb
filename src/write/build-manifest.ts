import { sep } from 'node:path';
import type { Clip } from '../clip.js';
import type { LabelIndexing } from '../labels/label-index.js';
import type { PROBE_COLUMNS } from '../manifest/columns.js';
import type { ManifestClass, ManifestClip } from '../manifest/schema.js';
import type { ProbeInfo } from '../probe/reader.js';
import type { StratumCount } from '../select/slice.js';

/** What goes before each manifest path: the root, `/`-separated, for --absolute; else nothing. */
export function manifestPrefix(absoluteRoot: string | null): string {
  return absoluteRoot === null ? '' : `${absoluteRoot.split(sep).join('/').replace(/\/$/, '')}/`;
}

/** Manifest rows from selected clips: label_index from the indexing, paths relative unless `absoluteRoot`. */
/** `part` (a name from --splits) replaces the split column: the rows of the val part say `val`. */
export function manifestClips(
  rows: readonly Clip[],
  labels: LabelIndexing,
  absoluteRoot: string | null,
  spell: (label: string) => string = label => label,
  part: string | null = null,
): ManifestClip[] {
  const prefix = manifestPrefix(absoluteRoot);
  return rows.map(clip => ({
    path: prefix + clip.path,
    label: clip.label === null ? null : spell(clip.label),
    label_index: labels.indexOf(clip.label),
    clip_id: clip.clipId,
    youtube_id: clip.youtubeId,
    time_start: clip.timeStart,
    time_end: clip.timeEnd,
    split: part ?? clip.split,
    size_bytes: clip.sizeBytes,
    ...(clip.probe === null || clip.probe === undefined ? {} : probeFields(clip.probe)),
  }));
}

/** The probe columns of a manifest row, and of an index line after its own probe status. */
export function probeFields(probe: ProbeInfo): Pick<ManifestClip, (typeof PROBE_COLUMNS)[number]> {
  return {
    duration_s: probe.duration_s,
    fps: probe.fps,
    num_frames: probe.num_frames,
    width: probe.width,
    height: probe.height,
    codec: probe.codec,
  };
}

/** The label space with how many of `rows` each class has, labels spelled as in the rows. */
export function manifestClasses(
  rows: readonly Clip[],
  labels: LabelIndexing,
  spell: (label: string) => string = label => label,
): ManifestClass[] {
  return classesCounted(
    rows.map(clip => ({ label: clip.label, clips: 1 })),
    labels,
    spell,
  );
}

/** manifestClasses from each stratum's count of selected clips, for rows not fetched yet: the same classes. */
export function classesOfStrata(
  strata: readonly StratumCount[],
  labels: LabelIndexing,
  spell: (label: string) => string = label => label,
): ManifestClass[] {
  return classesCounted(
    strata.map(s => ({ label: s.label, clips: s.selected })),
    labels,
    spell,
  );
}

/** Every class of the label space, with the clips `counted` gives it under its spelling. */
function classesCounted(
  counted: readonly { readonly label: string | null; readonly clips: number }[],
  labels: LabelIndexing,
  spell: (label: string) => string,
): ManifestClass[] {
  const counts = new Map<string, number>();
  for (const { label, clips } of counted)
    if (label !== null && clips > 0) counts.set(spell(label), (counts.get(spell(label)) ?? 0) + clips);
  return labels.classes.map(({ label, index }) => ({
    label: spell(label),
    label_index: index,
    clips: counts.get(spell(label)) ?? 0,
  }));
}
