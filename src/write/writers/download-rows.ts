import { DatasetError } from '../../errors.js';
import type { ManifestClip } from '../../manifest/schema.js';

/** A clip as a download plan needs it: where on YouTube, which seconds, and where it goes on disk. */
export interface DownloadRow {
  readonly youtubeId: string;
  readonly timeStart: number;
  readonly timeEnd: number;
  readonly label: string | null;
  readonly split: string | null;
  /** `<split>/<label>/<clip_id>.mp4`, leaving out a split or label the clip has not. */
  readonly target: string;
}

// YouTube ids are 11 characters of these; anything else cannot be a video to fetch, and could break a URL.
const YOUTUBE_ID = /^[A-Za-z0-9_-]+$/;

/** The folder a download plan puts a clip in: what the dataset tree must look like after the download. */
export function plannedTarget(split: string | null, label: string | null, clipId: string): string {
  return [split, label, `${clipId}.mp4`].filter(part => part !== null).join('/');
}

/**
 * A folder or file name that cannot be made, or that would land the clip elsewhere: empty, `.`, `..`, a slash, or a
 * control character (a line break would also split the plan's one-line-a-clip).
 */
function unusableFolder(name: string | null): boolean {
  if (name === null) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  return name === '' || name === '.' || name === '..' || /[/\u0000-\u001f\u007f]/.test(name);
}

/**
 * Turns a block of manifest clips into download rows, collecting the rows (numbered across the whole manifest)
 * that no download can serve: a clip without a youtube id and time window (not a Kinetics clip), or, when the
 * plan makes `folders`, one whose split, label or clip id cannot be a file name. `finish` throws naming them.
 */
export function downloadRows(
  format: string,
  { folders }: { folders: boolean },
): {
  rows(clips: readonly ManifestClip[]): DownloadRow[];
  finish(): void;
} {
  const unplannable: number[] = [];
  const badFolders: number[] = [];
  let row = 0;
  return {
    rows: clips =>
      clips.flatMap(clip => {
        row += 1;
        const { youtube_id: id, time_start: start, time_end: end } = clip;
        if (id === null || start === null || end === null || !YOUTUBE_ID.test(id)) {
          unplannable.push(row);
          return [];
        }
        if (folders && [clip.split, clip.label, clip.clip_id].some(unusableFolder)) {
          badFolders.push(row);
          return [];
        }
        const target = plannedTarget(clip.split, clip.label, clip.clip_id);
        return [{ youtubeId: id, timeStart: start, timeEnd: end, label: clip.label, split: clip.split, target }];
      }),
    finish: () => {
      if (unplannable.length > 0)
        throw new DatasetError(
          `--format ${format}: ${rowList(unplannable)} ${verb(unplannable, 'has', 'have')} no youtube id and times`,
          'a download plan needs Kinetics clips: slice the annotation CSVs, or name files {youtube_id}_{start}_{end}',
        );
      if (badFolders.length > 0)
        throw new DatasetError(
          `--format ${format}: ${rowList(badFolders)} ${verb(badFolders, 'has', 'have')} a split, label or clip id` +
            ' that cannot be a file name',
          'they must not be empty, . or .., nor hold a / or control characters: fix the annotation rows',
        );
    },
  };
}

function verb(rows: readonly number[], one: string, many: string): string {
  return rows.length === 1 ? one : many;
}

function rowList(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 5).join(', ');
  return `row${numbers.length === 1 ? '' : 's'} ${shown}${numbers.length > 5 ? ` and ${numbers.length - 5} more` : ''}`;
}

/** The watch page of a video: the one URL form every downloader takes. It carries no time window. */
export function youtubeUrl(youtubeId: string): string {
  return `https://www.youtube.com/watch?v=${youtubeId}`;
}
