import { downloadRows, youtubeUrl } from './download-rows.js';
import type { ManifestWriter } from './types.js';

/**
 * A download plan as YouTube watch URLs, one a clip, for tools that take a list of URLs. A watch URL has no
 * end time, so the list names videos, not clips: cut each to the clip's window (the `kinetics` and `yt-dlp`
 * formats carry it).
 */
export const youtubeUrlsWriter: ManifestWriter = {
  name: 'urls',
  extensions: [],
  sidecar: true,
  separator: false,
  summary: 'a download plan as YouTube watch URLs, one a clip (no time window: see README)',
  open: () => {
    const plan = downloadRows('urls', { folders: false });
    return {
      head: () => '',
      rows: clips =>
        plan
          .rows(clips)
          .map(r => `${youtubeUrl(r.youtubeId)}\n`)
          .join(''),
      end: () => {
        plan.finish();
        return '';
      },
    };
  },
};
