import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clip } from '../clip.js';
import { type Duck, openDuck, type SqlValue, sqlText } from '../engine/duckdb.js';
import { DatasetError } from '../errors.js';
import { ONCE } from '../options/validation.js';
import { kineticsFields } from '../scan/clip-name.js';
import type { Probed } from '../scan/folder-scan.js';
import { LazyClip } from '../scan/lazy-clip.js';
import { DEFAULT_SEED } from '../select/clip-key.js';
import { ClipColumns, type IndexRow } from './clip-columns.js';
import { damaged, firstRepeat, indexHeader, indexHeaderSchema, indexInput } from './index-file.js';
import { columnsSql, HEADER_KEY, keyValueSql, parquetTable } from './parquet-head-sql.js';
import type { Source, SourceInput } from './source.js';

// The columnar index: the JSONL index's clip lines as Parquet columns, which DuckDB, pandas, polars and Spark
// read as they are, and its header line, unchanged, in the file's key-value metadata.

type Kind = 'text' | 'int' | 'double';

/** The index columns, in file order; the SQL of `k400-slice sql` reads the same names. */
export const INDEX_COLUMNS: readonly { readonly name: string; readonly kind: Kind; readonly sql: string }[] = [
  { name: 'path', kind: 'text', sql: 'VARCHAR' },
  { name: 'label', kind: 'text', sql: 'VARCHAR' },
  { name: 'clip_id', kind: 'text', sql: 'VARCHAR' },
  { name: 'youtube_id', kind: 'text', sql: 'VARCHAR' },
  { name: 'time_start', kind: 'double', sql: 'DOUBLE' },
  { name: 'time_end', kind: 'double', sql: 'DOUBLE' },
  { name: 'split', kind: 'text', sql: 'VARCHAR' },
  { name: 'size_bytes', kind: 'int', sql: 'BIGINT' },
  { name: 'mtime_ms', kind: 'double', sql: 'DOUBLE' },
  { name: 'probe', kind: 'text', sql: 'VARCHAR' },
  { name: 'probe_reason', kind: 'text', sql: 'VARCHAR' },
  { name: 'duration_s', kind: 'double', sql: 'DOUBLE' },
  { name: 'fps', kind: 'double', sql: 'DOUBLE' },
  { name: 'num_frames', kind: 'int', sql: 'BIGINT' },
  { name: 'width', kind: 'int', sql: 'INTEGER' },
  { name: 'height', kind: 'int', sql: 'INTEGER' },
  { name: 'codec', kind: 'text', sql: 'VARCHAR' },
];

const KINDS = INDEX_COLUMNS.map(c => c.kind);

function cellsOf(clip: Clip): (string | number | null)[] {
  const probe = clip.probe ?? null;
  return [
    clip.path,
    clip.label,
    clip.clipId,
    clip.youtubeId,
    clip.timeStart,
    clip.timeEnd,
    clip.split,
    clip.sizeBytes,
    probe === null ? null : (clip.mtimeMs ?? null),
    probe?.status ?? null,
    probe?.reason ?? null,
    probe?.duration_s ?? null,
    probe?.fps ?? null,
    probe?.num_frames ?? null,
    probe?.width ?? null,
    probe?.height ?? null,
    probe?.codec ?? null,
  ];
}

/**
 * Writes a source's index as Parquet, atomically: DuckDB writes a temporary file beside the target, which is
 * renamed into place, or dropped when the target already holds the same bytes (so Make sees no change).
 */
/**
 * The bytes of a Parquet index of `sortedClips`. DuckDB writes the file into its private temporary folder; its
 * bytes then go through the same all-or-nothing commit as every other output (a report beside it, a
 * symlinked or read-only target, an output that is an input).
 */
export async function renderParquetIndex(
  source: Source,
  sortedClips: readonly Clip[],
  indexFile?: string,
): Promise<Buffer> {
  const header = indexHeader(source, sortedClips.length, indexFile);
  // One thread: the row groups then come out in one order, and the file's bytes do not depend on timing.
  const duck = await openDuck({ threads: 1 });
  // In DuckDB's own folder, which goes with it, and on a signal: a folder of its own was left behind when
  // DuckDB could not be opened, and with a partial index in it when a signal came.
  const temp = join(duck.folder, 'index.parquet');
  try {
    await duck.run(`CREATE TABLE clips (${INDEX_COLUMNS.map(c => `${c.name} ${c.sql}`).join(', ')})`);
    await duck.append('clips', row => {
      for (const clip of sortedClips) row.values(cellsOf(clip), KINDS);
    });
    await duck.run(
      `COPY clips TO ${sqlText(temp)} (FORMAT parquet, COMPRESSION zstd, ` +
        `KV_METADATA {${HEADER_KEY}: ${sqlText(JSON.stringify(header))}})`,
    );
    return readFileSync(temp);
  } catch (error) {
    throw new DatasetError(
      `cannot write the Parquet index: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      'check free space in the temporary folder (TMPDIR)',
    );
  } finally {
    duck.close();
  }
}

export type IndexHeader = ReturnType<typeof indexHeaderSchema.parse>;

/** What a Parquet index holds besides its rows: its header, and the names of its columns. */
interface ParquetIndexHead {
  readonly header: IndexHeader;
  readonly columns: ReadonlySet<string>;
}

// What a DuckDB has read of each index, by path: `--engine auto` reads it to choose, and the slice asks again.
const headsRead = new WeakMap<Duck, Map<string, ParquetIndexHead>>();

/** Reads the header from the Parquet metadata; `file` is the path as given, for messages. */
export async function readParquetHeader(duck: Duck, path: string, file: string): Promise<IndexHeader> {
  return (await readParquetHead(duck, path, file)).header;
}

/** The names of a Parquet index's columns, which readParquetHeader has checked against what `scan` writes. */
export async function parquetIndexColumns(duck: Duck, path: string, file: string): Promise<ReadonlySet<string>> {
  return (await readParquetHead(duck, path, file)).columns;
}

async function readParquetHead(duck: Duck, path: string, file: string): Promise<ParquetIndexHead> {
  const read = headsRead.get(duck)?.get(path);
  if (read !== undefined) return read;
  const header = await readHeaderOnce(duck, path, file);
  const head = { header, columns: await checkColumns(duck, path, file, header.probed) };
  const known = headsRead.get(duck) ?? new Map<string, ParquetIndexHead>();
  known.set(path, head);
  headsRead.set(duck, known);
  return head;
}

async function readHeaderOnce(duck: Duck, path: string, file: string): Promise<IndexHeader> {
  let rows: Record<string, SqlValue>[];
  try {
    rows = await duck.rows(keyValueSql(path));
  } catch (error) {
    throw new DatasetError(
      `index ${file} is not a readable Parquet file (${error instanceof Error ? error.message.split('\n')[0] : error})`,
      'make the index again with k400-slice scan',
    );
  }
  const value = (key: string): string | undefined => {
    const row = rows.find(r => r.key === key);
    return row === undefined ? undefined : String(row.value);
  };
  const text = value(HEADER_KEY);
  if (text === undefined)
    throw new DatasetError(
      `${file} is a Parquet file without a k400-slice index header`,
      'make the index with k400-slice scan ROOT -o INDEX.parquet',
    );
  return parseIndexHeader(text, file);
}

// The columns after size_bytes hold what a probe found: an index made without probing may lack them.
const PROBE_ONLY = new Set(
  INDEX_COLUMNS.slice(INDEX_COLUMNS.findIndex(c => c.name === 'size_bytes') + 1).map(c => c.name),
);
// DuckDB's numeric types, by the start of their names (DECIMAL(18,3), UBIGINT): what an index's number may be.
const NUMERIC = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|DECIMAL)\b/;
// An index's whole numbers (sizes, frame counts): integer types, and decimals of no fraction. A size as DOUBLE
// would read as 2370.0 in SQL and 2370 in JavaScript, and the engines' fingerprints would differ.
const INTEGER = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?$|DECIMAL\(\d+,0\)$)/;

/**
 * An index made elsewhere (or edited) must still have the columns `scan` writes, text as text and numbers as
 * numbers: a missing column or a label of numbers would otherwise end in DuckDB's binder, deep in a query.
 * Returns the names of its columns.
 */
async function checkColumns(duck: Duck, path: string, file: string, probed: boolean): Promise<ReadonlySet<string>> {
  const rows = await duck.rows(columnsSql(path));
  const types = new Map(rows.map(r => [String(r.column_name), String(r.column_type)]));
  for (const column of INDEX_COLUMNS) {
    const type = types.get(column.name);
    if (type === undefined) {
      if (!probed && PROBE_ONLY.has(column.name)) continue;
      throw new DatasetError(
        `index ${file} has no column ${column.name}`,
        'make the index with k400-slice scan ROOT -o INDEX.parquet',
      );
    }
    const expected = { text: 'text', double: 'numbers', int: 'whole numbers' }[column.kind];
    const fits = { text: type === 'VARCHAR', double: NUMERIC.test(type), int: INTEGER.test(type) }[column.kind];
    if (!fits)
      throw new DatasetError(
        `index ${file}: its column ${column.name} holds ${type}, where an index holds ${expected}`,
        'make the index with k400-slice scan ROOT -o INDEX.parquet',
      );
  }
  return new Set(types.keys());
}

/** Checks an index header (the JSONL index's first line, or the Parquet metadata) against its schema. */
export function parseIndexHeader(text: string, file: string): IndexHeader {
  let parsed: ReturnType<typeof indexHeaderSchema.safeParse>;
  try {
    parsed = indexHeaderSchema.safeParse(JSON.parse(text), ONCE);
  } catch {
    throw new DatasetError(`index ${file}: its header is not JSON`, 'make the index again with k400-slice scan');
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DatasetError(
      `index ${file}: header field ${issue?.path.join('.') || '(header)'}: ${issue?.message.toLowerCase()}`,
      'make the index again with k400-slice scan',
    );
  }
  return parsed.data;
}

const text = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: SqlValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** A row of index columns (as DuckDB returns them) as the fields of a clip; `intern` keeps one copy of each label. */
export function indexRowOf(
  get: (column: string) => SqlValue | undefined,
  intern: (s: string | null) => string | null,
  file = 'INDEX',
): IndexRow {
  const status = text(get('probe'));
  const probed: Probed | null =
    status === null
      ? null
      : {
          mtimeMs: num(get('mtime_ms')) ?? Number.NaN,
          probe: {
            status: status as 'ok' | 'corrupt' | 'unsupported',
            reason: text(get('probe_reason')),
            duration_s: num(get('duration_s')),
            fps: num(get('fps')),
            num_frames: num(get('num_frames')),
            width: num(get('width')),
            height: num(get('height')),
            codec: text(get('codec')),
          },
        };
  const path = text(get('path'));
  const clipId = text(get('clip_id'));
  // A row of an index made by hand may lack either; as text they would be written "null".
  if (path === null || clipId === null)
    throw new DatasetError(
      `index ${file}: a row has no ${path === null ? 'path' : `clip_id (path '${path}')`}`,
      'make the index with k400-slice scan ROOT -o INDEX.parquet',
    );
  return {
    path,
    label: intern(text(get('label'))),
    clipId,
    split: intern(text(get('split'))),
    sizeBytes: num(get('size_bytes')),
    youtubeId: text(get('youtube_id')),
    timeStart: num(get('time_start')),
    timeEnd: num(get('time_end')),
    probed,
  };
}

/** Turns a row of index columns into a clip of its own: the rows DuckDB selected. */
export function clipOfRow(
  get: (column: string) => SqlValue | undefined,
  intern: (s: string | null) => string | null,
  file?: string,
): Clip {
  const row = indexRowOf(get, intern, file);
  const clip = new IndexClip(row.path, row.label, row.clipId, row.split, row.sizeBytes, row.probed);
  const derived = kineticsFields(row.clipId);
  // As in the JSONL index: the Kinetics fields come from the clip id unless the row says otherwise.
  if (derived.youtubeId === row.youtubeId && derived.timeStart === row.timeStart && derived.timeEnd === row.timeEnd)
    return clip;
  return {
    path: clip.path,
    label: clip.label,
    clipId: clip.clipId,
    split: clip.split,
    sizeBytes: clip.sizeBytes,
    probe: clip.probe,
    mtimeMs: clip.mtimeMs,
    youtubeId: row.youtubeId,
    timeStart: row.timeStart,
    timeEnd: row.timeEnd,
  };
}

/** A clip DuckDB selected from an index. */
class IndexClip extends LazyClip {
  constructor(
    readonly path: string,
    readonly label: string | null,
    readonly clipId: string,
    readonly split: string | null,
    readonly sizeBytes: number | null,
    probed: Probed | null,
  ) {
    super(probed);
  }
}

/** A string interner: 10^6 rows name a few hundred labels and splits. */
export function interner(): (s: string | null) => string | null {
  const seen = new Map<string, string>();
  return s => {
    if (s === null) return null;
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/** Reads a whole Parquet index into what assembleSource takes, for the JavaScript engine. */
export async function readParquetIndex(
  path: string,
  file: string,
  seed = DEFAULT_SEED,
): Promise<Omit<SourceInput, 'split'>> {
  const duck = await openDuck();
  try {
    const header = await readParquetHeader(duck, path, file);
    const table = new ClipColumns(seed, header.fingerprint);
    const intern = interner();
    // An index made without probing may lack the probe's columns (checkColumns lets it): they read as empty.
    const present = await parquetIndexColumns(duck, path, file);
    const columns = INDEX_COLUMNS.map(c => (present.has(c.name) ? c.name : `NULL AS ${c.name}`)).join(', ');
    try {
      await duck.chunks(`SELECT ${columns} FROM ${parquetTable(path)}`, (column, rows) => {
        const cols: Record<string, SqlValue[]> = Object.fromEntries(INDEX_COLUMNS.map(c => [c.name, column(c.name)]));
        for (let i = 0; i < rows; i++) table.add(indexRowOf(name => cols[name]?.[i], intern, file));
      });
    } catch (error) {
      if (error instanceof DatasetError) throw error;
      throw new DatasetError(
        `index ${file}: cannot read its rows (${error instanceof Error ? error.message.split('\n')[0] : error})`,
        'make the index again with k400-slice scan ROOT -o INDEX.parquet',
      );
    }
    if (table.rows !== header.clips)
      throw new DatasetError(
        `index ${file}: the header counts ${header.clips} clips but ${table.rows} follow`,
        'make the index again with k400-slice scan',
      );
    const finished = table.finish();
    const repeat = firstRepeat(finished);
    if (repeat !== undefined) throw damaged(file, `row ${repeat.row + 1}: ${repeat.what}`);
    return indexInput(header, file, finished);
  } finally {
    duck.close();
  }
}
