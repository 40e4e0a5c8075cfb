import * as z from 'zod';
import { clipRowFields } from './clip-row.js';

// The manifest's shape, written once: writers build values of these types, every command that reads a
// manifest parses it with these schemas, and `k400-slice schema` prints them as JSON Schema.

const { path, label, ...identity } = clipRowFields();

export const manifestClipSchema = z
  .strictObject({
    path,
    label,
    label_index: z.int().min(0).nullable().describe('Index of the class in the label space listed in `classes`.'),
    ...identity,
  })
  .meta({ id: 'clip', description: 'One clip: a row of a CSV manifest, a line of a JSONL one.' });
export type ManifestClip = z.infer<typeof manifestClipSchema>;

export const manifestClassSchema = z
  .strictObject({
    label: z.string(),
    label_index: z.int().min(0),
    clips: z.int().min(0).describe('Clips of this class in the manifest.'),
  })
  .meta({ id: 'class', description: 'A class of the label space.' });
export type ManifestClass = z.infer<typeof manifestClassSchema>;

const countsSchema = z.looseObject({
  scanned: z.int().min(0),
  skipped: z.record(z.string(), z.int().min(0)),
  eligible: z.int().min(0),
  selected: z.int().min(0),
  per_class: z.array(
    z.strictObject({
      split: z.string().nullable(),
      label: z.string().nullable(),
      eligible: z.int().min(0),
      selected: z.int().min(0),
    }),
  ),
});

export const provenanceSchema = z
  .looseObject({
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    selection_rule: z.strictObject({ name: z.string(), version: z.int() }),
    seed: z.string(),
    options: z.record(z.string(), z.unknown()).describe('The options that shaped the content, normalized.'),
    source: z.looseObject({
      given: z.string().describe('The dataset root (or index) as given, normalized.'),
      root: z
        .string()
        .optional()
        .describe("The dataset root relative to the manifest's own folder (absolute when given absolute)."),
      layout: z.string(),
      splits: z.array(z.string()),
    }),
    input_fingerprint: z
      .string()
      .describe('md5-sum: the sum mod 2^128 of MD5("<clip id>\\t<size>") over every clip read, as 32 hex digits.'),
    counts: countsSchema,
    format: z.string(),
  })
  .meta({ id: 'provenance', description: 'What made the manifest, from what, and how to make it again.' });
export type Provenance = z.infer<typeof provenanceSchema>;

/** A JSON manifest; a CSV or JSONL manifest's `.meta.json` sidecar is the same without `clips`. */
export const manifestSchema = z.strictObject({
  provenance: provenanceSchema,
  classes: z.array(manifestClassSchema),
  clips: z.array(manifestClipSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const sidecarSchema = manifestSchema.omit({ clips: true });
export type Sidecar = z.infer<typeof sidecarSchema>;
