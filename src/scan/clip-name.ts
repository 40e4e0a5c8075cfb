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

/**
 * Whether a name is a Kinetics clip id, `^[A-Za-z0-9_-]{11}_\d{6}_\d{6}$`: a youtube id of 11 characters
 * (which may itself start with `-` or `_`), then its window. Checked a character at a time rather than by a
 * regular expression: every file of a walk and every row of an index asks, and a match made three strings.
 */
function isKineticsStem(name: string): boolean {
  if (name.length !== 25 || name.charCodeAt(11) !== 95 || name.charCodeAt(18) !== 95) return false;
  for (let i = 0; i < 11; i++) {
    const c = name.charCodeAt(i);
    const letter = (c | 32) >= 97 && (c | 32) <= 122;
    if (!(letter || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  for (let i = 12; i < 25; i++) {
    const c = name.charCodeAt(i);
    if (i !== 18 && (c < 48 || c > 57)) return false;
  }
  return true;
}

/** The number six digits at `from` make (checked by isKineticsStem). */
function sixDigits(name: string, from: number): number {
  let value = 0;
  for (let i = from; i < from + 6; i++) value = value * 10 + name.charCodeAt(i) - 48;
  return value;
}

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
 * Clip id of a file (rule v2). `relPath` is its path below the class folder (`/`-separated) and
 * `classFolder` the class folder's name below the split folder, already NFC ('' where clips sit in no class
 * folder). A Kinetics-named file is known by its stem wherever it sits; any other file by its path below the
 * split folder, class folder included, without extension: `a/0001.mp4` and `b/0001.mp4` are two clips.
 */
export function clipIdOf(relPath: string, classFolder = ''): string {
  const stem = stripExtension(relPath);
  return kineticsStemOf(stem) ?? nfc(classFolder === '' ? stem : `${classFolder}/${stem}`);
}

/**
 * The clip id of a Kinetics-named file, from its path without extension; null for any other file. What
 * clipIdOf gives such a file, and an id kineticsFields reads: its youtube id is its first 11 characters, its
 * window the 6 digits after each `_` that follows.
 */
export function kineticsStemOf(stem: string): string | null {
  const slash = stem.lastIndexOf('/');
  const base = slash < 0 ? stem : stem.slice(slash + 1);
  return isKineticsStem(base) ? base : null;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Labels and clip ids are compared and written in Unicode NFC (macOS and some archives write names in NFD);
 * paths keep their bytes. Only names with a non-ASCII character can change, so only those pay for it.
 */
export function nfc(name: string): string {
  return NON_ASCII.test(name) ? name.normalize('NFC') : name;
}

/** The youtube id and time window a clip id carries, or nulls when it is not Kinetics-named. */
export function kineticsFields(clipId: string): Omit<ClipIdentity, 'clipId'> {
  if (!isKineticsStem(clipId)) return { youtubeId: null, timeStart: null, timeEnd: null };
  return { youtubeId: clipId.slice(0, 11), timeStart: sixDigits(clipId, 12), timeEnd: sixDigits(clipId, 19) };
}

export function identifyClip(relPath: string, classFolder = ''): ClipIdentity {
  const clipId = clipIdOf(relPath, classFolder);
  return { clipId, ...kineticsFields(clipId) };
}
