import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { MANIFEST_COLUMNS, PROBE_COLUMNS } from '../../src/manifest/columns.js';
import { csvHeader, csvRows } from '../../src/write/writers/csv.js';
import { manifestClip } from '../helpers/manifests.js';

describe('csv rendering', () => {
  it('is byte for byte what csv-stringify writes, with and without the probe columns', () => {
    fc.assert(
      fc.property(fc.array(manifestClip, { maxLength: 20 }), fc.boolean(), (clips, probed) => {
        const columns = probed ? [...MANIFEST_COLUMNS, ...PROBE_COLUMNS] : [...MANIFEST_COLUMNS];
        assert.equal(csvHeader(columns) + csvRows(clips, columns), stringify(clips, { header: true, columns }));
      }),
      { numRuns: 300 },
    );
  });
});
