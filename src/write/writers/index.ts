import { extname } from 'node:path';
import { UsageError } from '../../errors.js';
import type { Manifest, ManifestClip } from '../../manifest/schema.js';
import { csvWriter } from './csv.js';
import { daliWriter } from './dali.js';
import { jsonWriter } from './json.js';
import { jsonlWriter } from './jsonl.js';
import { kineticsCsvWriter } from './kinetics-csv.js';
import { mmactionWriter } from './mmaction.js';
import { pytorchvideoWriter } from './pytorchvideo.js';
import type { ManifestText, ManifestWriter, RenderOptions } from './types.js';
import { youtubeUrlsWriter } from './youtube-urls.js';
import { ytDlpScriptWriter } from './yt-dlp-script.js';

/** Every manifest format, by --format name. */
export const writers = {
  csv: csvWriter,
  json: jsonWriter,
  jsonl: jsonlWriter,
  mmaction: mmactionWriter,
  pytorchvideo: pytorchvideoWriter,
  dali: daliWriter,
  kinetics: kineticsCsvWriter,
  urls: youtubeUrlsWriter,
  'yt-dlp': ytDlpScriptWriter,
} as const satisfies Record<string, ManifestWriter>;

export type FormatName = keyof typeof writers;
export const FORMAT_NAMES = Object.keys(writers) as [FormatName, ...FormatName[]];

/** Writers by name: the registry above, or a test's with a format of its own. */
export type WriterRecords = Readonly<Record<string, ManifestWriter>>;

/** Formats that `--separator` applies to, from their records: what its help and its check name. */
export function separatorFormats(records: WriterRecords = writers): string[] {
  return Object.values(records)
    .filter(w => w.separator)
    .map(w => w.name);
}

/** The check of `--separator`: undefined when it applies to `format`, else what to say. */
export function separatorProblem(format: string | undefined, records: WriterRecords = writers): string | undefined {
  if (format !== undefined && records[format]?.separator === true) return undefined;
  const why = Object.values(records).flatMap(w => (w.noSeparator === undefined ? [] : [w.noSeparator]));
  const note = why.length > 0 ? ` (${why.join('; ')})` : '';
  return `only applies to --format ${separatorFormats(records).join(' or ')}${note}`;
}

/** --format if given; else by the output's extension; csv for stdout. */
export function chooseWriter(format: FormatName | undefined, output: string): ManifestWriter {
  if (format !== undefined) return writers[format];
  if (output === '-') return writers.csv;
  const extension = extname(output).toLowerCase();
  const found = Object.values(writers).find((writer: ManifestWriter) => writer.extensions.includes(extension));
  if (found === undefined) {
    throw new UsageError(
      `cannot tell the format of '${output}' from its extension`,
      `add --format ${FORMAT_NAMES.join('|')}`,
    );
  }
  return found;
}

export type { ManifestHead, ManifestText, ManifestWriter, RenderOptions } from './types.js';

/** A whole manifest's text in one piece: for manifests small enough to hold as objects. */
export function renderManifest(writer: ManifestWriter, manifest: Manifest, options?: RenderOptions): string {
  const { clips, ...head } = manifest;
  const text = writer.open(head, options);
  return text.head() + text.rows(clips) + text.end();
}

/**
 * A manifest's bytes, its rows made into manifest objects and text `blockRows` at a time: a manifest of all of
 * Kinetics-700 (650,000 rows) as objects, lines and one string at once took over a gigabyte.
 */
export function renderInBlocks<Row>(
  text: ManifestText,
  rows: readonly Row[],
  toManifest: (block: readonly Row[]) => ManifestClip[],
  blockRows = 8192,
): Buffer[] {
  const pieces = [Buffer.from(text.head())];
  for (let at = 0; at < rows.length; at += blockRows)
    pieces.push(Buffer.from(text.rows(toManifest(rows.slice(at, at + blockRows)))));
  pieces.push(Buffer.from(text.end()));
  return pieces;
}
