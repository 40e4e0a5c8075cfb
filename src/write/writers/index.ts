import { extname } from 'node:path';
import { UsageError } from '../../errors.js';
import { csvWriter } from './csv.js';
import { daliWriter } from './dali.js';
import { jsonWriter } from './json.js';
import { jsonlWriter } from './jsonl.js';
import { mmactionWriter } from './mmaction.js';
import { pytorchvideoWriter } from './pytorchvideo.js';
import type { ManifestWriter } from './types.js';

/** Every manifest format, by --format name. */
export const writers = {
  csv: csvWriter,
  json: jsonWriter,
  jsonl: jsonlWriter,
  mmaction: mmactionWriter,
  pytorchvideo: pytorchvideoWriter,
  dali: daliWriter,
} as const satisfies Record<string, ManifestWriter>;

export type FormatName = keyof typeof writers;
export const FORMAT_NAMES = Object.keys(writers) as [FormatName, ...FormatName[]];

/** --format if given; else by the output's extension; csv for stdout. */
export function chooseWriter(format: FormatName | undefined, output: string): ManifestWriter {
  if (format !== undefined) return writers[format];
  if (output === '-') return writers.csv;
  const extension = extname(output).toLowerCase();
  const found = Object.values(writers).find((writer: ManifestWriter) => writer.extensions.includes(extension));
  if (found === undefined) {
    throw new UsageError(`cannot tell the format of '${output}' from its extension`, `add --format ${FORMAT_NAMES.join('|')}`);
  }
  return found;
}

export type { ManifestWriter, RenderOptions } from './types.js';
