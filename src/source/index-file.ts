import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import * as z from 'zod';
import { type Clip, compareCodePoints, sortClips } from '../clip.js';
import { DatasetError } from '../errors.js';
import { isBucketRoot } from '../listing/listing.js';
import { clipRowFields } from '../manifest/clip-row.js';
import type { ProbeInfo } from '../probe/reader.js';
import { SKIP_KINDS } from '../scan/file-kinds.js';
import { statPath } from '../scan/folder-fs.js';
import { DEFAULT_SEED } from '../select/clip-key.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { probeFields } from '../write/build-manifest.js';
import { ClipColumns } from './clip-columns.js';
import { repeatedKeys } from './duplicates.js';
import { tableIndexLines } from './index-lines.js';
import { statInputFile } from './input-text.js';
import { Parts, type SourcePart } from './part.js';
import type { Source, SourceInput } from './source.js';
import { EXAMPLE_KEYS, TALLY_KEYS, Tally } from './tally.js';

// The index `k400-slice scan` writes: a header line with everything the source reports, split by split,
// then one clip a line. `slice` reads it in place of a root, with no walk, and gives the same manifests.

const INDEX_MARK = 'k400_slice_index';
/** The longest index line read: a header of a large dataset lists its duplicates and problems, never this much. */
const MAX_INDEX_LINE = 64 * 1024 * 1024;
const INDEX_VERSION = 1;

const count = z.int().min(0);
const countsSchema = z.strictObject(
  Object.fromEntries(TALLY_KEYS.map(key => [key, count])) as Record<(typeof TALLY_KEYS)[number], typeof count>,
);
const tallySchema = z.strictObject({
  totals: countsSchema,
  classes: z.record(z.string(), countsSchema),
  examples: z.strictObject(
    Object.fromEntries(EXAMPLE_KEYS.map(key => [key, z.array(z.string())])) as Record<
      (typeof EXAMPLE_KEYS)[number],
      z.ZodArray<z.ZodString>
    >,
  ),
});
const partSchema = z.strictObject({
  split: z.string().nullable(),
  classes: z.array(z.string()),
  skipped: z.strictObject({
    ...(Object.fromEntries(SKIP_KINDS.map(kind => [kind, count])) as Record<(typeof SKIP_KINDS)[number], typeof count>),
    non_utf8: count.optional(),
  }),
  problems: z.array(z.strictObject({ path: z.string(), message: z.string() })),
  duplicates: z.array(
    z.strictObject({
      split: z.string().nullable(),
      label: z.string().nullable(),
      clip_id: z.string(),
      kept: z.string(),
      dropped: z.array(z.string()),
    }),
  ),
  tally: tallySchema,
  disagreements: z.strictObject({ count, examples: z.array(z.string()) }),
});
export const indexHeaderSchema = z.strictObject({
  [INDEX_MARK]: z.literal(INDEX_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  source: z.strictObject({
    given: z.string(),
    /** The root seen from the index's own folder (absolute when given absolute): the index works from anywhere. */
    root: z.string().optional(),
    layout: z.string(),
    annotations: z.array(z.string()),
    unlabeled: z.array(z.string()),
  }),
  fingerprint: z.string(),
  clips: count,
  /** Whether the lines carry header probes (scan --probe). */
  probed: z.boolean(),
  parts: z.array(partSchema),
  /** Classes of splits the index leaves out (made with --split): label_index counts them too. */
  label_space: z.array(z.string()).optional(),
});
/**
 * A clip line: the columns of a manifest row but label_index, and with --probe the probe cache key. Made on
 * first use (a JSONL index's first line), like the fields it shares with the manifest's rows.
 */
export function indexClipSchema() {
  clipSchema ??= makeClipSchema();
  return clipSchema;
}

const makeClipSchema = () =>
  z.strictObject({
    ...clipRowFields(),
    // With --probe: the probe, and the modification time it was made for (the cache key, with the size).
    mtime_ms: z.number().optional(),
    probe: z.enum(['ok', 'corrupt', 'unsupported']).optional(),
    probe_reason: z.string().nullable().optional(),
  });
let clipSchema: ReturnType<typeof makeClipSchema> | undefined;

/** True when the file starts like an index: `{"k400_slice_index": ...`. */
export function isIndexFile(path: string): boolean {
  // A device or a FIFO is never an index, and opening a FIFO would wait for a writer.
  if (!(statPath(path)?.isFile() ?? false)) return false;
  const buffer = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').replace(/\s/g, '').startsWith(`{"${INDEX_MARK}"`);
  } finally {
    closeSync(fd);
  }
}

function partToJson(part: SourcePart): z.input<typeof partSchema> {
  return {
    split: part.split,
    classes: [...part.classes].sort(compareCodePoints),
    skipped: part.skipped,
    // Problems come in the order folders were listed: sorted, so the index does not depend on it.
    problems: [...part.problems].sort(
      (a, b) => compareCodePoints(a.path, b.path) || compareCodePoints(a.message, b.message),
    ),
    duplicates: [...part.duplicates]
      .sort((a, b) => compareCodePoints(a.kept, b.kept))
      .map(d => ({ split: d.split, label: d.label, clip_id: d.clipId, kept: d.kept, dropped: d.dropped })),
    tally: {
      totals: part.tally.totals,
      classes: Object.fromEntries([...part.tally.classes].sort(([a], [b]) => compareCodePoints(a, b))),
      examples: part.tally.examples,
    },
    disagreements: part.disagreements,
  };
}

/** The header of an index: everything the source reports. A Parquet index holds it in its metadata. */
export function indexHeader(source: Source, clips: number, indexFile?: string): z.input<typeof indexHeaderSchema> {
  return {
    [INDEX_MARK]: INDEX_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    source: {
      given: source.given,
      ...(indexFile === undefined ? {} : { root: rootSeenFrom(source, indexFile) }),
      layout: source.layout,
      annotations: [...source.annotations],
      unlabeled: [...source.unlabeled],
    },
    fingerprint: source.fingerprint,
    clips,
    probed: source.probed,
    parts: source.parts.map(partToJson),
    // Only an index of some splits needs it: the others' classes are in their parts.
    ...(source.classes.length > source.report.classes.size ? { label_space: [...source.classes] } : {}),
  };
}

/**
 * The index of a source: a header line, then its clips in split, label, clip id order. Made as bytes, a
 * few thousand lines at a time: as one string of lines it took three times its own 150 MB for Kinetics-700.
 * Line by line from the clips as given, sorted: the rule the faster rendering of a walk's table must match.
 */
export function renderIndex(source: Source, sortedClips: readonly Clip[], indexFile?: string): Buffer[] {
  return [...inBlocks(indexHeader(source, sortedClips.length, indexFile), clipLines(sortedClips))];
}

/**
 * The index's bytes as renderIndex makes them from the source's clips sorted, a block at a time each time
 * they are iterated: the commit compares and writes each block and lets it go, so the 150 MB of an index of
 * Kinetics-700 are never held at once. A walk's clips are rendered from its table's columns (index-lines.ts).
 */
export function indexPieces(source: Source, indexFile?: string): Iterable<Buffer> {
  const header = indexHeader(source, source.clips.length, indexFile);
  return inBlocks(header, tableIndexLines(source.clips, indexLine) ?? clipLines(sortClips(source.clips)));
}

function inBlocks(header: z.input<typeof indexHeaderSchema>, lines: Iterable<Buffer>): Iterable<Buffer> {
  const first = `${JSON.stringify(header)}\n`;
  return {
    *[Symbol.iterator]() {
      yield Buffer.from(first);
      yield* lines;
    },
  };
}

/** Each clip's line, a few thousand lines at a time, each ending in a newline. */
function clipLines(sortedClips: readonly Clip[]): Iterable<Buffer> {
  return {
    *[Symbol.iterator]() {
      let lines: string[] = [];
      for (const clip of sortedClips) {
        lines.push(indexLine(clip));
        if (lines.length === 4096) {
          yield Buffer.from(`${lines.join('\n')}\n`);
          lines = [];
        }
      }
      if (lines.length > 0) yield Buffer.from(`${lines.join('\n')}\n`);
    },
  };
}

function indexLine(clip: Clip): string {
  const line = {
    path: clip.path,
    label: clip.label,
    clip_id: clip.clipId,
    youtube_id: clip.youtubeId,
    time_start: clip.timeStart,
    time_end: clip.timeEnd,
    split: clip.split,
    size_bytes: clip.sizeBytes,
  };
  const probe = clip.probe;
  if (probe === null || probe === undefined) return JSON.stringify(line);
  return JSON.stringify({
    ...line,
    mtime_ms: clip.mtimeMs,
    probe: probe.status,
    probe_reason: probe.reason,
    ...probeFields(probe),
  });
}

/**
 * Reads an index back into what assembleSource takes, its clips as a ClipColumns with keys for `seed`; `file`
 * is the path as given, for messages.
 */
export function readIndex(path: string, file: string, seed = DEFAULT_SEED): Omit<SourceInput, 'split'> {
  const parse = <T>(schema: z.ZodType<T>, text: string, line: number): T => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw damaged(file, `line ${line} is not JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw damaged(file, `line ${line}, field ${issue?.path.join('.') || '(line)'}: ${issue?.message.toLowerCase()}`);
    }
    return parsed.data;
  };
  let header: z.output<typeof indexHeaderSchema> | undefined;
  let table: ClipColumns | undefined;
  let known: Known | undefined;
  forEachLine(path, file, (text, line) => {
    if (header === undefined) {
      header = parse(indexHeaderSchema, text, line);
      return;
    }
    const c = parse(indexClipSchema(), text, line);
    table ??= new ClipColumns(seed, header.fingerprint);
    if (table.rows >= header.clips)
      throw damaged(file, `the header counts ${header.clips} clips but line ${line} is one more`);
    known ??= knownOf(header);
    checkClipLine(c, line, file, known);
    const probed =
      c.probe === undefined
        ? null
        : {
            mtimeMs: c.mtime_ms ?? Number.NaN,
            probe: {
              status: c.probe,
              reason: c.probe_reason ?? null,
              duration_s: c.duration_s ?? null,
              fps: c.fps ?? null,
              num_frames: c.num_frames ?? null,
              width: c.width ?? null,
              height: c.height ?? null,
              codec: c.codec ?? null,
            },
          };
    // The Kinetics fields are worked out from the clip id; a line that says otherwise keeps what it says.
    table.add({
      path: c.path,
      label: c.label,
      clipId: c.clip_id,
      split: c.split,
      sizeBytes: c.size_bytes,
      youtubeId: c.youtube_id,
      timeStart: c.time_start,
      timeEnd: c.time_end,
      probed,
    });
  });
  if (header === undefined) throw new DatasetError(`index ${file} is empty`, 'make it again with k400-slice scan');
  table ??= new ClipColumns(seed, header.fingerprint);
  if (table.rows !== header.clips)
    throw damaged(file, `the header counts ${header.clips} clips but ${table.rows} follow (cut short?)`);
  const repeat = firstRepeat(table.finish());
  if (repeat !== undefined) throw damaged(file, `line ${repeat.row + 2}: ${repeat.what}`);
  return indexInput(header, file, table);
}

/** What assembleSource takes, from an index's header and its clips (a JSONL or a Parquet index; none by default). */
export function indexInput(
  header: z.output<typeof indexHeaderSchema>,
  file: string,
  clips = new ClipColumns(DEFAULT_SEED, header.fingerprint).finish(),
): Omit<SourceInput, 'split'> {
  const parts = new Parts();
  for (const stored of header.parts) {
    const part = parts.of(stored.split);
    for (const label of stored.classes) part.classes.add(label);
    Object.assign(part.skipped, stored.skipped);
    for (const problem of stored.problems) part.problems.push(problem);
    for (const d of stored.duplicates)
      part.duplicates.push({ split: d.split, label: d.label, clipId: d.clip_id, kept: d.kept, dropped: d.dropped });
    part.tally.merge(tallyFrom(stored.tally));
    Object.assign(part.disagreements, stored.disagreements);
  }
  return {
    given: header.source.given,
    root: rootOfIndex(header.source, file),
    layout: header.source.layout as Source['layout'],
    index: file,
    probed: header.probed,
    annotations: header.source.annotations,
    unlabeled: header.source.unlabeled,
    // Duplicates were dropped and the fingerprint summed when the index was made.
    clips,
    parts,
    labelSpace: header.label_space,
  };
}

export function damaged(file: string, what: string): DatasetError {
  return new DatasetError(`index ${file} is damaged: ${what}`, 'scan again: k400-slice scan ROOT -o INDEX');
}

/** The splits and classes an index's header names: every clip line must be of them. */
interface Known {
  readonly splits: ReadonlySet<string | null>;
  readonly labels: ReadonlySet<string>;
}

function knownOf(header: z.output<typeof indexHeaderSchema>): Known {
  return {
    splits: new Set(header.parts.map(part => part.split)),
    labels: new Set(header.parts.flatMap(part => part.classes)),
  };
}

/**
 * A clip line must be of a split and class the header names, and name a file below the root. That it names
 * it once, and its clip id once in its split, is checked when every line is in (firstRepeat).
 */
function checkClipLine(
  c: z.output<ReturnType<typeof indexClipSchema>>,
  line: number,
  file: string,
  known: Known,
): void {
  const path = c.path;
  if (!known.splits.has(c.split)) throw damaged(file, `line ${line}: split '${c.split}' is not in the header`);
  if (c.label !== null && !known.labels.has(c.label))
    throw damaged(file, `line ${line}: class '${c.label}' is not in the header`);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split(/[\\/]/).includes('..') || path.includes('\0'))
    throw damaged(file, `line ${line}: path '${path}' is not relative below the root`);
}

/**
 * The first row that repeats an earlier one's path, or its clip id in its split: paths and ids are unique
 * once duplicates are dropped, so a repeat is damage. Found by hashes in typed arrays (the keys, for ids)
 * rather than a set of 1.3 million strings, and checked exactly where a hash repeats.
 */
export function firstRepeat(table: ClipColumns): { row: number; what: string } | undefined {
  const pathHashes = new Float64Array(table.rows);
  for (let row = 0; row < table.rows; row++) pathHashes[row] = hash53(table.pathOf(row));
  const path = firstRepeated(pathHashes, row => table.pathOf(row));
  const id = firstRepeated(table.keys, row => {
    const split = table.groupOfRow(row).split;
    return `${split ?? ''}\0${split === null ? 0 : 1}\0${table.clipId(row)}`;
  });
  if (path !== undefined && (id === undefined || path <= id))
    return { row: path, what: `path '${table.pathOf(path)}' is listed twice` };
  if (id !== undefined) return { row: id, what: `clip id '${table.clipId(id)}' is listed twice in its split` };
  return undefined;
}

/** The first row whose `text` an earlier row has; `hashes` equal wherever texts are. */
function firstRepeated(hashes: Float64Array, text: (row: number) => string): number | undefined {
  const repeated = repeatedKeys(hashes);
  if (repeated.size === 0) return undefined;
  const seen = new Set<string>();
  for (let row = 0; row < hashes.length; row++) {
    if (!repeated.has(hashes[row] as number)) continue;
    const value = text(row);
    if (seen.has(value)) return row;
    seen.add(value);
  }
  return undefined;
}

/** A 53-bit hash of a string (cyrb53): spread enough for repeatedKeys, which checks texts where it repeats. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Calls `each` with every non-empty line of a file and its 1-based number, reading 4 MB at a time: an index
 * of Kinetics-700 is 150 MB, which need never be one string. A line is held until it ends, so its length
 * is capped: one endless line (`/dev/zero` saved to a file) would otherwise exhaust memory.
 */
function forEachLine(path: string, file: string, each: (text: string, line: number) => void): void {
  statInputFile(path, 'index');
  const fd = openSync(path, 'r');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const emit = (bytes: Buffer): void => {
    for (const text of bytes.toString('utf8').split('\n')) if (text !== '') each(text, ++line);
  };
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const bytes = chunk.subarray(0, read);
      const last = bytes.lastIndexOf(10);
      if (last < 0) {
        pending.push(bytes);
        pendingBytes += read;
        if (pendingBytes > MAX_INDEX_LINE) throw damaged(file, `line ${line + 1} is longer than 64 MiB`);
        continue;
      }
      if (pendingBytes + bytes.indexOf(10) > MAX_INDEX_LINE)
        throw damaged(file, `line ${line + 1} is longer than 64 MiB`);
      emit(Buffer.concat([...pending, bytes.subarray(0, last)]));
      pending = [bytes.subarray(last + 1)];
      pendingBytes = read - last - 1;
    }
  } finally {
    closeSync(fd);
  }
  if (pendingBytes > 0) emit(Buffer.concat(pending));
}

function tallyFrom(stored: z.output<typeof tallySchema>): Tally {
  const tally = new Tally();
  Object.assign(tally.totals, stored.totals);
  for (const [label, counts] of Object.entries(stored.classes)) tally.classes.set(label, { ...counts });
  for (const key of EXAMPLE_KEYS) tally.examples[key].push(...stored.examples[key]);
  return tally;
}

/**
 * The probes an earlier index holds, by path below the root, for `scan --probe` to reuse while a file's size
 * and modification time are unchanged. Empty when there is no such index.
 */
export function probeCacheOf(path: string): Map<string, { size: number; mtimeMs: number; probe: ProbeInfo }> {
  const cache = new Map<string, { size: number; mtimeMs: number; probe: ProbeInfo }>();
  if (!existsSync(path) || !isIndexFile(path)) return cache;
  let input: ReturnType<typeof readIndex>;
  try {
    input = readIndex(path, path);
  } catch {
    return cache; // a broken index is simply not a cache
  }
  const table = input.clips as ClipColumns;
  for (let row = 0; row < table.rows; row++) {
    const clip = table.look(row);
    if (
      clip.probe !== null &&
      clip.probe !== undefined &&
      typeof clip.mtimeMs === 'number' &&
      clip.sizeBytes !== null
    ) {
      cache.set(clip.path, { size: clip.sizeBytes, mtimeMs: clip.mtimeMs, probe: clip.probe });
    }
  }
  return cache;
}

/** `scan k400 -o meta/k400.index.jsonl` records the root as `../k400`; an absolute root stays absolute. */
function rootSeenFrom(source: Source, indexFile: string): string {
  if (isAbsolute(source.given) || isBucketRoot(source.root)) return source.root;
  return relative(dirname(resolve(indexFile)), source.root) || '.';
}

/** An index made before `root` was recorded keeps the old reading: the root as given, from the working folder. */
function rootOfIndex(source: { given: string; root?: string | undefined }, file: string): string {
  if (source.root === undefined) return resolve(source.given);
  return isAbsolute(source.root) || isBucketRoot(source.root) ? source.root : join(dirname(resolve(file)), source.root);
}
