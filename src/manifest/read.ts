import { existsSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type * as z from 'zod';
import { DatasetError } from '../errors.js';
import { readTextFile } from '../labels/name-list.js';
import { isBucketRoot } from '../listing/listing.js';
import { isIndexFile } from '../source/index-file.js';
import { isParquetFile } from '../source/parquet-magic.js';
import { readIndexAsManifest, readParquetIndexAsManifest } from './read-index.js';
import { looksLikePathLabel, PATH_LABEL_FORMATS, readPathLabelRows } from './read-path-label.js';
import {
  type ManifestClass,
  type ManifestClip,
  manifestClipSchema,
  manifestSchema,
  type Provenance,
  sidecarSchema,
} from './schema.js';

/**
 * A manifest as read back: its clips and, when it or its sidecar has them, its provenance and classes. The
 * list formats (with their sidecar) and an index (every clip it offers) read as manifests too.
 */
export interface ReadManifest {
  readonly file: string;
  readonly format: 'csv' | 'json' | 'jsonl' | 'index' | (typeof PATH_LABEL_FORMATS)[number];
  readonly provenance: Provenance | null;
  /** An index's dataset root as it records it (relative to where it was made); null for a manifest. */
  readonly indexRoot?: string | null;
  readonly classes: ManifestClass[] | null;
  readonly clips: ManifestClip[];
}

function fail(file: string, where: string, message: string): never {
  throw new DatasetError(
    `manifest ${file}: ${where}: ${message}`,
    'write it again with k400-slice slice, or fix that row',
  );
}

/** Parses one row with the manifest's schema; a failure names the row (1-based, as a reader counts) and field. */
function parseRow(file: string, row: number, value: unknown): ManifestClip {
  const parsed = manifestClipSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(row)';
  return fail(
    file,
    `row ${row}, field ${field}`,
    issue.code === 'unrecognized_keys' ? 'not a manifest column' : issue.message.toLowerCase(),
  );
}

/**
 * Reads a CSV, JSON or JSONL manifest written by k400-slice, checking every row against the schema. `content`
 * reads that text as if it were the file (a manifest about to be written).
 */
function manifestFormatOf(extension: string, text: string): 'json' | 'jsonl' | 'csv' {
  if (extension === '.json') return 'json';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function readManifest(file: string, content?: string): ReadManifest {
  const text = content ?? readTextFile(file, 'manifest');
  const extension = extname(file).toLowerCase();
  const format = manifestFormatOf(extension, text);
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return fail(file, 'not JSON', (error as Error).message);
    }
    if (typeof value !== 'object' || value === null || !Array.isArray((value as { clips?: unknown }).clips)) {
      return fail(file, 'not a k400-slice manifest', 'a JSON manifest is {"provenance", "classes", "clips"}');
    }
    const parsed = manifestSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0] as z.core.$ZodIssue;
      const [first, index] = issue.path;
      // A bad clip is reported as its row, like the other formats; parseRow throws for it.
      if (first === 'clips' && typeof index === 'number')
        parseRow(file, index + 1, (value as { clips: unknown[] }).clips[index]);
      return fail(file, `field ${issue.path.join('.') || '(top)'}`, issue.message.toLowerCase());
    }
    return { file, format, provenance: parsed.data.provenance, classes: parsed.data.classes, clips: parsed.data.clips };
  }
  if (content === undefined && format === 'jsonl' && isIndexFile(file)) {
    const index = readIndexAsManifest(file);
    return { file, format: 'index', provenance: null, classes: null, indexRoot: index.root, clips: index.clips };
  }
  const sidecar = readSidecar(file);
  const listFormat = PATH_LABEL_FORMATS.find(name => name === sidecar.provenance?.format);
  if (listFormat !== undefined || (format === 'csv' && !hasPathHeader(text) && looksLikePathLabel(text))) {
    const clips = readPathLabelRows(file, text, sidecar.provenance, sidecar.classes);
    return { file, format: listFormat ?? 'mmaction', ...sidecar, clips };
  }
  if (format === 'jsonl') {
    const clips = text
      .split('\n')
      .map((line, i) => [line, i] as const)
      .filter(([line]) => line.trim() !== '')
      .map(([line, i]) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return fail(file, `row ${i + 1}`, 'not JSON');
        }
        return parseRow(file, i + 1, value);
      });
    return { file, format, ...sidecar, clips };
  }
  return { file, format, ...sidecar, clips: readCsvRows(file, text) };
}

/**
 * Reads a manifest or an index from its file, as readManifest does, and a Parquet index too: that one only
 * DuckDB reads, so this is the reader of the commands (`verify`, `diff`) that take either.
 */
export async function readManifestFile(file: string): Promise<ReadManifest> {
  if (!looksLikeParquet(file)) return readManifest(file);
  const index = await readParquetIndexAsManifest(file);
  return { file, format: 'index', provenance: null, classes: null, indexRoot: index.root, clips: index.clips };
}

/**
 * Whether a regular file starts as Parquet does. Anything else (a FIFO, which would block the open; a device;
 * a file that cannot be opened) is left to the text reader, which refuses it by name.
 */
export function looksLikeParquet(file: string): boolean {
  try {
    return statSync(file).isFile() && isParquetFile(file);
  } catch {
    return false;
  }
}

const TEXT_COLUMNS = ['path', 'label', 'clip_id', 'youtube_id', 'split', 'codec'];

function hasPathHeader(text: string): boolean {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.split(',').includes('path');
}

function readCsvRows(file: string, text: string): ManifestClip[] {
  if (!hasPathHeader(text))
    return fail(file, 'not a k400-slice manifest', 'its first line should be the header path,label,label_index,...');
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    return fail(file, 'not a readable CSV', (error as Error).message);
  }
  return records.map((record, i) => {
    // CSV holds text: empty cells are unknown values, and numeric columns are numbers.
    const value: Record<string, unknown> = { size_bytes: null };
    for (const [column, cell] of Object.entries(record)) {
      if (cell === '') value[column] = null;
      else value[column] = TEXT_COLUMNS.includes(column) || !/^-?\d+(\.\d+)?$/.test(cell) ? cell : Number(cell);
    }
    return parseRow(file, i + 2, value); // row 1 is the header
  });
}

function readSidecar(file: string): { provenance: Provenance | null; classes: ManifestClass[] | null } {
  const path = `${file}.meta.json`;
  if (!existsSync(path)) return { provenance: null, classes: null };
  let value: unknown;
  try {
    value = JSON.parse(readTextFile(path, 'manifest sidecar'));
  } catch (error) {
    return fail(path, 'not JSON', (error as Error).message);
  }
  const parsed = sidecarSchema.safeParse(value);
  if (!parsed.success)
    return fail(
      path,
      `field ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
      parsed.error.issues[0]?.message.toLowerCase() ?? '',
    );
  return { provenance: parsed.data.provenance, classes: parsed.data.classes };
}

/**
 * The dataset root a manifest's paths are relative to: `--root` when given, else the provenance's `root`
 * resolved against the manifest's own folder (so the manifest works from any working folder), else, for
 * manifests written before `root` was recorded, `given` as it was typed. Undefined when nothing says.
 */
export function manifestRoot(manifest: ReadManifest, rootOption: string | undefined): string | undefined {
  if (rootOption !== undefined) return rootOption;
  if (typeof manifest.indexRoot === 'string') return manifest.indexRoot;
  const source = manifest.provenance?.source;
  if (source === undefined) return undefined;
  const root = typeof source.root === 'string' ? source.root : undefined;
  // A download plan (annotations alone) records no root and an empty `given`: there is nothing to resolve.
  if (root === undefined) return source.given === '' ? undefined : source.given;
  // A listing's prefix is a URI, not a path: joining it to the manifest's folder would mangle it.
  return isAbsolute(root) || isBucketRoot(root) ? root : join(dirname(manifest.file), root);
}
