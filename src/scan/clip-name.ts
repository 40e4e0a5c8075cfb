/**
 * Clip identity from a file name. Kinetics clips downloaded by the CVDF and most other scripts are named
 * `{youtube_id}_{start:06d}_{end:06d}.{ext}`; such a clip is the same clip wherever it sits.
 */
export interface ClipIdentity {
  readonly clipId: string;
  readonly youtubeId: string | null;
  readonly timeStart: number | null;
  readonly timeEnd: number | null;
}

// A youtube id is 11 characters of [A-Za-z0-9_-]; it may itself start with `-` or `_`.
const KINETICS_STEM = /^([A-Za-z0-9_-]{11})_(\d{6})_(\d{6})$/;

/** Formats the canonical clip id, the join key between files, annotation rows and lists. */
export function kineticsClipId(youtubeId: string, timeStart: number, timeEnd: number): string {
  return `${youtubeId}_${pad6(timeStart)}_${pad6(timeEnd)}`;
}

function pad6(seconds: number): string {
  return String(seconds).padStart(6, '0');
}

/** Removes the last extension: `abc.def.mp4` -> `abc.def`. */
export function stripExtension(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  return dot > slash + 1 ? name.slice(0, dot) : name;
}

/**
 * Clip id of a file from its path below the class folder (`relPath`, `/`-separated). A Kinetics-named file
 * is known by its stem wherever it sits; any other file by its path below the class folder, sans extension.
 */
export function clipIdOf(relPath: string): string {
  const stem = stripExtension(relPath);
  const slash = stem.lastIndexOf('/');
  if (slash < 0) return stem; // the common case: the stem is the id, Kinetics-named or not
  const base = stem.slice(slash + 1);
  return KINETICS_STEM.test(base) ? base : stem;
}

/** The youtube id and time window a clip id carries, or nulls when it is not Kinetics-named. */
export function kineticsFields(clipId: string): Omit<ClipIdentity, 'clipId'> {
  const match = KINETICS_STEM.exec(clipId);
  if (match === null) return { youtubeId: null, timeStart: null, timeEnd: null };
  return { youtubeId: match[1] as string, timeStart: Number(match[2]), timeEnd: Number(match[3]) };
}

export function identifyClip(relPath: string): ClipIdentity {
  const clipId = clipIdOf(relPath);
  return { clipId, ...kineticsFields(clipId) };
}
