import * as z from 'zod';
import { TOOL_NAME } from '../version.js';
import { manifestSchema } from './schema.js';

/**
 * The JSON Schema of manifests, generated from the zod schemas that read them, so the two cannot drift. The
 * document describes a JSON manifest; `$defs.clip` is one line of a JSONL manifest.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  // The clip, class and provenance schemas carry ids (.meta in schema.ts): they become $defs.
  const schema = z.toJSONSchema(manifestSchema) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: `${TOOL_NAME} manifest`,
    description:
      "A JSON manifest. Each line of a JSONL manifest is a $defs/clip; a CSV or JSONL manifest's " +
      '<output>.meta.json is this without "clips".',
    ...rest,
  };
}
