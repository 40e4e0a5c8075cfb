import fc from 'fast-check';
import type { ManifestClip, Provenance } from '../../src/manifest/schema.js';

/** A provenance that the schema accepts; `probe` decides whether CSV writes the probe columns. */
export function sampleProvenance(probe = false): Provenance {
  return {
    tool: { name: 'k400-slice', version: '0.0.0' },
    selection_rule: { name: 'md5-smallest-keys', version: 1 },
    seed: '0',
    options: probe ? { probe: true } : {},
    source: { given: 'data', layout: 'class-tree', splits: [] },
    input_fingerprint: 'sha256:0',
    counts: { scanned: 2, skipped: {}, eligible: 2, selected: 2, per_class: [] },
    format: 'csv',
  };
}

// Strings that often hold what CSV must quote or list formats cannot hold: commas, quotes, both line
// breaks, spaces, tabs.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '\t', 'é', '/') }),
  fc.string({ unit: 'grapheme' }),
);
const nullableText = fc.option(text, { nil: null });
const nullableNumber = fc.option(fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e6, noNaN: true })), { nil: null });

/** Manifest rows of every shape the schema allows, probe columns included. */
export const manifestClip: fc.Arbitrary<ManifestClip> = fc.record({
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
