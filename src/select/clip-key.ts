import { md5Words } from '../hash/md5.js';

/**
 * The selection rule. README's section "The selection rule" holds these sentences word for word, and a
 * test keeps the two equal. 13 hex digits are 52 bits, which a JavaScript number holds exactly.
 */
export const SELECTION_RULE = {
  name: 'md5-smallest-keys',
  version: 2,
  text: [
    'key(clip) = the first 13 hex digits of MD5 of the UTF-8 string `<seed>:<clip id>`, read as an integer; ties ' +
      'broken by clip id.',
    'A class keeps its k clips with the smallest keys; `--count N` keeps the N smallest keys overall.',
    '`--seed` is any string, default `0`, always recorded in the provenance.',
    'Clip id: a file named `{youtube_id}_{start}_{end}` is that Kinetics clip wherever it sits.',
    'Any other file is known by its path below the split folder, class folder included, without extension.',
    'Of files with one clip id, a non-empty, non-corrupt one is kept, then the `replacement/` one, then the first ' +
      'path.',
    'With annotations, `--percent`, `--per-class` and `--count --stratified` size a class by its annotated rows.',
    'A class takes its quota of smallest keys among its usable files; one that runs short gives what it has.',
  ],
} as const;

/** `--seed` when none is given. */
export const DEFAULT_SEED = '0';

const words = new Uint32Array(4);

export function clipKey(seed: string, clipId: string): number {
  md5Words(`${seed}:${clipId}`, words);
  // 8 hex digits from the first word, 5 more from the top 20 bits of the second.
  return (words[0] as number) * 0x100000 + ((words[1] as number) >>> 12);
}
