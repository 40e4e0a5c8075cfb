import { readAnnotationFile } from '../annotations/read-annotations.js';
import { readTextFile } from '../labels/name-list.js';

/** The ids a published subset lists, each as written (a clip id or a youtube id), in file order. */
export interface IdList {
  readonly file: string;
  readonly ids: string[];
}

// `path label` lines end in an integer label after a space, tab or comma (SlowFast, PyTorchVideo and mmaction2
// lists); what comes before it is the path, which may itself hold spaces (`air drumming/<clip id>`).
const TRAILING_LABEL = /[\s,]+-?\d+\s*$/;

/**
 * Reads a subset list in any form in use, line by line: a bare youtube id (Mini-Kinetics-200),
 * `label name/clip_id` (Kinetics-100 of CMN), `path label` with any separator (SlowFast, PyTorchVideo,
 * mmaction2), or an official annotation CSV (recognised by its header). Each line gives the stem of its
 * file name: `some/dir/abc_000001_000011.mp4 5` gives `abc_000001_000011`.
 */
export function readIdList(file: string, option: string): IdList {
  const text = readTextFile(file, option);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0).toLowerCase();
  if (firstLine.includes('youtube_id') && firstLine.includes('time_start')) {
    const { table } = readAnnotationFile(file, option);
    return { file, ids: Array.from({ length: table.length }, (_, row) => table.clipId(row)) };
  }
  const ids: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const path = /[/\\.]/.test(line) || /\s/.test(line) ? line.replace(TRAILING_LABEL, '') : line;
    const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    const dot = name.lastIndexOf('.');
    ids.push(dot > 0 ? name.slice(0, dot) : name);
  }
  return { file, ids };
}

/** Which clips a list names: by clip id first, else every clip of a youtube id. */
export class IdMatcher {
  private readonly clipIds = new Set<string>();
  private readonly youtubeIds = new Set<string>();
  private readonly listed: string[];

  constructor(lists: readonly IdList[], known: { clipIds: ReadonlySet<string>; youtubeIds: ReadonlySet<string> }) {
    this.listed = [...new Set(lists.flatMap(list => list.ids))];
    for (const id of this.listed) {
      if (known.clipIds.has(id)) this.clipIds.add(id);
      else if (known.youtubeIds.has(id)) this.youtubeIds.add(id);
    }
  }

  matches(clip: { clipId: string; youtubeId: string | null }): boolean {
    return this.clipIds.has(clip.clipId) || (clip.youtubeId !== null && this.youtubeIds.has(clip.youtubeId));
  }

  /** Listed ids that name no clip of the source, in list order. */
  unmatched(): string[] {
    return this.listed.filter(id => !this.clipIds.has(id) && !this.youtubeIds.has(id));
  }

  get listedCount(): number {
    return this.listed.length;
  }
}
