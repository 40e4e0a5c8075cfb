import { downloadRows } from './download-rows.js';
import type { ManifestWriter } from './types.js';

// The official files quote a field only when it holds a space (multi-word labels) or needs it by RFC 4180.
const NEEDS_QUOTES = /[ ,"\r\n]/;

function cell(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A download plan as an official Kinetics annotation CSV, `label,youtube_id,time_start,time_end,split`, in the
 * dialect of the CVDF files: what every Kinetics downloader reads, and what `--annotations` reads back.
 */
export const kineticsCsvWriter: ManifestWriter = {
  name: 'kinetics',
  extensions: [],
  sidecar: true,
  separator: false,
  summary: 'a download plan as an official annotation CSV: label,youtube_id,time_start,time_end,split',
  open: () => {
    const plan = downloadRows('kinetics', { folders: false });
    return {
      head: () => 'label,youtube_id,time_start,time_end,split\n',
      rows: clips =>
        plan
          .rows(clips)
          .map(r => `${cell(r.label)},${r.youtubeId},${r.timeStart},${r.timeEnd},${cell(r.split)}\n`)
          .join(''),
      end: () => {
        plan.finish();
        return '';
      },
    };
  },
};
