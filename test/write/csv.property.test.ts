import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { MANIFEST_COLUMNS, PROBE_COLUMNS, type ManifestClip } from '../../src/manifest/schema.js';
import { renderCsv } from '../../src/write/writers/csv.js';

// Strings that often hold what CSV must quote: commas, quotes, both line breaks, spaces at either end.
const text = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '/') }), fc.string({ unit: 'grapheme' }));
const nullableText = fc.option(text, { nil: null });
const nullableNumber = fc.option(fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e6, noNaN: true })), { nil: null });

const clip: fc.Arbitrary<ManifestClip> = fc.record({
  path: text,
  label: nullableText,
  label_index: fc.option(fc.nat(), { nil: null }),
  clip_id: text,
  youtube_id: nullableText,
  time_start: nullableNumber,
  time_end: nullableNumber,
  split: nullableText,
  size_bytes: fc.option(fc.nat(), { nil: null }),
  duration_s: nullableNumber,
  fps: nullableNumber,
  num_frames: fc.option(fc.nat(), { nil: null }),
  width: fc.option(fc.nat(), { nil: null }),
  height: fc.option(fc.nat(), { nil: null }),
  codec: nullableText,
});

describe('csv rendering', () => {
  it('is byte for byte what csv-stringify writes, with and without the probe columns', () => {
    fc.assert(
      fc.property(fc.array(clip, { maxLength: 20 }), fc.boolean(), (clips, probed) => {
        const columns = probed ? [...MANIFEST_COLUMNS, ...PROBE_COLUMNS] : [...MANIFEST_COLUMNS];
        assert.equal(renderCsv(clips, columns), stringify(clips, { header: true, columns }));
      }),
      { numRuns: 300 },
    );
  });
});
