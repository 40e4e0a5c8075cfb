import { downloadRows, youtubeUrl } from './download-rows.js';
import type { ManifestWriter } from './types.js';

/** Single quotes keep every character as it is in a POSIX shell; only a single quote needs a way out. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

// mp4 when YouTube has it, else the best there is, merged into mp4: the plan's paths end in .mp4.
const FORMAT = shellQuote('bv*[ext=mp4]+ba[ext=m4a]/b[ext=mp4]/bv*+ba/b');

const HEAD = `#!/bin/sh
# A download plan written by k400-slice: one yt-dlp command a clip, each fetching the clip's seconds of its
# video into <split>/<label>/<clip_id>.mp4 below the folder this script runs in. yt-dlp skips clips already
# there; a clip that fails (a video deleted from YouTube) is counted and the others go on.
# Afterwards, slice the downloaded folder with the same annotations and options as the plan.
set -u
failed=0
`;

const TAIL = `if [ "$failed" -gt 0 ]; then
  echo "$failed clip(s) failed to download" >&2
  exit 1
fi
`;

/**
 * A download plan as a POSIX shell script of yt-dlp commands. Every field is single-quoted (labels hold spaces,
 * apostrophes and parentheses), and `%` in the output path is doubled: yt-dlp reads `-o` as a template.
 */
export const ytDlpScriptWriter: ManifestWriter = {
  name: 'yt-dlp',
  extensions: ['.sh'],
  sidecar: true,
  separator: false,
  summary: 'a download plan as a POSIX sh script, one yt-dlp command a clip, into <split>/<label>/<clip_id>.mp4',
  open: () => {
    const plan = downloadRows('yt-dlp', { folders: true });
    return {
      head: () => HEAD,
      rows: clips =>
        plan
          .rows(clips)
          .map(r => {
            const section = shellQuote(`*${r.timeStart}-${r.timeEnd}`);
            const output = shellQuote(r.target.replaceAll('%', '%%'));
            const args = `--download-sections ${section} -o ${output} -- ${shellQuote(youtubeUrl(r.youtubeId))}`;
            return `yt-dlp -f ${FORMAT} --merge-output-format mp4 ${args} || failed=$((failed + 1))\n`;
          })
          .join(''),
      end: () => {
        plan.finish();
        return TAIL;
      },
    };
  },
};
