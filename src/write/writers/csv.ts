import { stringify } from 'csv-stringify/sync';
import { MANIFEST_COLUMNS, PROBE_COLUMNS } from '../../manifest/schema.js';
import type { ManifestWriter } from './types.js';

/**
 * The eight fixed columns (and the probe's six after them in a probed manifest), a header line, empty cells
 * where unknown; quoting is csv-stringify's (RFC 4180).
 */
export const csvWriter: ManifestWriter = {
  name: 'csv',
  extensions: ['.csv'],
  sidecar: true,
  summary: 'header and columns path,label,label_index,clip_id,youtube_id,time_start,time_end,split (+ probe columns)',
  render: (manifest) => stringify(manifest.clips, { header: true, columns: manifest.provenance.options.probe === true ? [...MANIFEST_COLUMNS, ...PROBE_COLUMNS] : [...MANIFEST_COLUMNS] }),
};
