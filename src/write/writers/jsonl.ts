import type { ManifestWriter } from './types.js';

/** One clip object a line; the provenance goes to the sidecar. */
export const jsonlWriter: ManifestWriter = {
  name: 'jsonl',
  extensions: ['.jsonl', '.ndjson'],
  sidecar: true,
  separator: false,
  summary: 'one clip object a line',
  open: () => ({
    head: () => '',
    rows: clips => clips.map(clip => `${JSON.stringify(clip)}\n`).join(''),
    end: () => '',
  }),
};
