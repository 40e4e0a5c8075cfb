import { knownClasses, type PendingRows, type PreparedSlice, type Preselected, resolveClasses } from '../api/slice.js';
import { type Clip, compareNullable } from '../clip.js';
import { DatasetError, UsageError } from '../errors.js';
import { entryOf } from '../map-entry.js';
import { sizeSpecOf } from '../options/slice-options.js';
import type { Stratum } from '../select/keyed.js';
import { selectionOrder } from '../select/keyed.js';
import { type KnownClass, orderRows, type SliceResult } from '../select/slice.js';
import { countToTake } from '../select/strategies/count.js';
import { applyStrategy, type ShortClass } from '../select/strategies/index.js';
import { damaged, indexInput } from '../source/index-file.js';
import { clipOfRow, interner } from '../source/parquet-index.js';
import { assembleSource, restrictSource, type Source } from '../source/source.js';
import { dialects } from '../sql/dialects.js';
import { inputColumns, type SelectionSpec, selectionSql } from '../sql/selection-sql.js';
import { classCountsSql } from './class-counts.js';
import { type Duck, type DuckLimits, DuckOutOfMemory, openDuck, type SqlValue } from './duckdb.js';
import { type EarlyDuck, takeEarlyDuck } from './early-duck.js';
import { fingerprintSql, openIndexTable } from './index-table.js';
import {
  LINE_COLUMN,
  MADE_COLUMN,
  orderedRowsSql,
  ROWS_COLUMN,
  STRATUM_COLUMN,
  strataTable,
} from './manifest-lines.js';
import { isQuotaTie, thresholdRowsSql } from './quota-thresholds.js';

/** Options the DuckDB engine cannot run, because they need the JavaScript side's files or probes. */
const JS_ONLY: readonly {
  readonly key: 'idsFile' | 'excludeIdsFile' | 'minDuration' | 'minFrames';
  readonly flag: string;
}[] = [
  { key: 'idsFile', flag: '--ids-file' },
  { key: 'excludeIdsFile', flag: '--exclude-ids-file' },
  { key: 'minDuration', flag: '--min-duration' },
  { key: 'minFrames', flag: '--min-frames' },
];

/** The first option of a slice that only the JavaScript engine runs, if any. */
export function jsOnlyOption(prepared: PreparedSlice): string | undefined {
  return JS_ONLY.find(o => prepared.options[o.key] !== undefined)?.flag;
}

/**
 * The strata of the usable files, each with its known size, and the known classes no usable file is left in,
 * which still take their share of a stratified count: what withKnown in select/slice.ts does to the clips.
 */
function withKnownStrata(
  usable: readonly { split: string | null; label: string | null; n: number }[],
  known: readonly KnownClass[],
): { split: string | null; label: string | null; n: number; known?: number }[] {
  const counts = new Map(known.map(k => [strataKey(k.split, k.label), k.count]));
  const present = new Set(usable.map(s => strataKey(s.split, s.label)));
  return [
    ...usable.map(s => {
      const count = counts.get(strataKey(s.split, s.label));
      return count === undefined ? s : { ...s, known: count };
    }),
    ...known
      .filter(k => k.count > 0 && !present.has(strataKey(k.split, k.label)))
      .map(k => ({ split: k.split, label: k.label, n: 0, known: k.count })),
  ];
}

const strataKey = (split: string | null, label: string | null): string => JSON.stringify([split, label]);

/** Options that cannot slice an index in DuckDB, refused before it opens. */
function refuseOptions(prepared: PreparedSlice): void {
  const refused = jsOnlyOption(prepared);
  if (refused !== undefined)
    throw new UsageError(`${refused} is not supported by --engine duckdb`, 'use --engine js (or auto)');
  if ((prepared.options.annotations ?? []).length > 0)
    throw new DatasetError(
      `--annotations cannot be used with an index ('${prepared.options.source}')`,
      'annotations are read when the index is made: k400-slice scan ROOT --annotations ...',
    );
}

/**
 * Slices a Parquet index inside DuckDB: the selection (filters, per-class counts, quotas, the k smallest keys)
 * runs as the query `k400-slice sql --dialect duckdb` prints (less its final ORDER BY and label_index), and only
 * the selected rows come back, which the JavaScript side then divides, orders and writes exactly as it does its
 * own selection.
 */
export async function sliceWithDuckDb(
  prepared: PreparedSlice,
  path: string,
  limits: DuckLimits = {},
  // Leave the rows in DuckDB, to be fetched in manifest order as the one manifest is written (see PendingRows);
  // `heapBudget` 0 always ranks (tests run both plans); by default it follows DuckDB's threads (heapBudget).
  // `opened`: a DuckDB already open (chooseEngine's, which read the header), used instead of opening one with
  // `limits`, and closed as that one would be. `wholeRows`: the most rows DuckDB makes whole rather than
  // streams (isSmall; tests pass 0 to stream every result). `heapDigits`: see thresholdRowsSql's `digits`.
  // `early`: the DuckDB the command line opened early, taken when nothing is `opened` and there are no `limits`.
  {
    stream = false,
    heapBudget,
    opened,
    wholeRows = WHOLE_ROWS,
    heapDigits,
    early: earlyDuck,
  }: {
    stream?: boolean;
    heapBudget?: number | undefined;
    opened?: Duck;
    wholeRows?: number;
    heapDigits?: number | undefined;
    early?: EarlyDuck | undefined;
  } = {},
): Promise<{ source: Source; preselected: Preselected }> {
  const { options } = prepared;
  const isSmall = (rows: number | undefined): boolean => rows !== undefined && rows <= wholeRows;
  try {
    refuseOptions(prepared);
  } catch (error) {
    opened?.close();
    throw error;
  }
  // With the default limits, the DuckDB the command line opened early for this index, if any.
  const early =
    opened === undefined && Object.keys(limits).length === 0 ? await takeEarlyDuck(earlyDuck, path) : undefined;
  const duck = opened ?? early ?? (await openDuck(limits));
  // Rows left to fetch when the manifest is written: DuckDB stays open for them.
  let rows: PendingRows | undefined;
  try {
    const { table, numbered, header } = await openIndexTable(duck, path, path);
    if (options.probe && !header.probed)
      throw new DatasetError(
        `--probe: the index '${options.source}' was made without probing`,
        'make it again with k400-slice scan ROOT --probe',
      );
    const whole = assembleSource({ ...indexInput(header, path), split: undefined });
    let source = restrictSource(whole, options.split);
    // The split's own fingerprint, which restrictSource would sum over clips this engine never loads.
    const d = dialects.duckdb;
    // `--split train,val` or `validate`: the index's own split names, as the JavaScript engine resolves them.
    const splits = options.split === undefined ? undefined : source.splits;
    const inSplit = splits === undefined ? 'TRUE' : `split IN (${splits.map(s => d.text(s)).join(', ')})`;
    if (source !== whole) source = { ...source, fingerprint: await fingerprintSql(duck, table, inSplit) };
    // One pass counts, per (split, class), the clips left after each filter that does not depend on the class
    // (classCountsSql); the class filters then apply to whole groups, so every stage and stratum count follows.
    const probed = header.probed;
    const counts = classCountsSql(table, inSplit, probed);
    const groups = (await duck.rows(counts.sql)).map(r => ({
      split: r.split as string | null,
      label: r.label as string | null,
      total: Number(r.total),
      left: Array.from({ length: counts.filters }, (_, i) => Number(r[`s${i}`])),
    }));
    const total = groups.reduce((sum, g) => sum + g.total, 0);
    if (options.split === undefined && total !== header.clips)
      throw new DatasetError(
        `index ${options.source} is damaged: the header counts ${header.clips} clips but ${total} follow (cut short?)`,
        'scan again: k400-slice scan ROOT -o INDEX',
      );
    const { include, exclude } = resolveClasses(
      prepared,
      source,
      groups.some(g => g.label === null),
    );
    // Rule v2 sizes the classes of an annotated index by their annotated rows: the header has them, class by
    // class, and the query carries them as a table of literals.
    const known = knownClasses(source, true, include, exclude);
    const spec: SelectionSpec = {
      seed: options.seed,
      size: sizeSpecOf(options),
      splits,
      include,
      exclude,
      classes: source.classes,
      probed,
      known,
    };
    const kept = new Set(include);
    const dropped = new Set(exclude);
    const sum = (keep: (g: (typeof groups)[number]) => boolean): number =>
      groups.reduce((n, g) => n + (keep(g) ? (g.left.at(-1) ?? 0) : 0), 0);
    const byInclude = (g: (typeof groups)[number]): boolean =>
      kept.size === 0 || (g.label !== null && kept.has(g.label));
    const byExclude = (g: (typeof groups)[number]): boolean => g.label === null || !dropped.has(g.label);
    const stages = [
      { name: 'zero-byte files', remaining: groups.reduce((n, g) => n + (g.left[0] ?? 0), 0) },
      // Without probes there are no corrupt videos: the JavaScript engine still counts the stage.
      { name: 'corrupt videos', remaining: sum(() => true) },
      ...(include.length > 0 ? [{ name: prepared.include.option, remaining: sum(byInclude) }] : []),
      ...(exclude.length > 0
        ? [{ name: prepared.exclude.option, remaining: sum(g => byInclude(g) && byExclude(g)) }]
        : []),
    ];
    const usable = groups
      .filter(g => byInclude(g) && byExclude(g) && (g.left.at(-1) ?? 0) > 0)
      .map(g => ({ split: g.split, label: g.label, n: g.left.at(-1) ?? 0 }));
    const strata = withKnownStrata(usable, known ?? []).sort(
      (a, b) => compareNullable(a.split, b.split) || compareNullable(a.label, b.label),
    );
    const eligible = strata.reduce((sum, s) => sum + s.n, 0);
    const size = spec.size;
    // What the strategy decides from counts alone: its errors and warnings, and the quotas the query must meet.
    let warnings: string[];
    let expected: number[] | undefined;
    let short: ShortClass[] = [];
    if (size.strategy === 'count') warnings = countToTake(size, eligible).warnings;
    else {
      const shapes = strata.map(s => ({ ...s, keys: { length: s.n } as Float64Array, idAt: () => '' }));
      ({ warnings, quotas: expected, short } = applyStrategy(shapes, size));
    }
    // Quotas known from the counts: the chosen rows by class heaps (thresholdRowsSql), unless the size rules it out.
    const byHeaps =
      expected === undefined
        ? undefined
        : await thresholdRowsSql(duck, spec, table, strata, expected, {
            budget: heapBudget,
            numbered,
            digits: heapDigits,
          });
    // The plans to try in turn: the one-query heaps' may meet a tie or run out of memory; the ranking plan then runs.
    const ranking = selectionSql(spec, d, table, { rowsOnly: true });
    const plans = byHeaps === undefined ? [ranking] : [byHeaps, ranking];
    if (stream && expected !== undefined) {
      // Streamed: each class's quota is known from the counts, so the summary, the provenance and the manifest's
      // head are too; the rows stay in DuckDB until the manifest is written, in its order.
      const quotas = expected;
      const result: SliceResult = {
        rows: [],
        selection: strata.map(s => ({ split: s.split, label: s.label, clips: [], keys: new Float64Array(0) })),
        eligible,
        strata: strata.map((s, i) => ({ split: s.split, label: s.label, eligible: s.n, selected: quotas[i] ?? 0 })),
        stages,
        warnings,
        short,
      };
      rows = pendingRows(duck, plans, strata, quotas, probed, { table, file: options.source as string }, isSmall);
      return { source, preselected: { result, total, rows } };
    }
    const selected = new Map<string, { clips: Clip[]; keys: number[] }>();
    const intern = interner();
    await chunksOfPlans(
      duck,
      plans,
      (column, rows) => {
        const get = columnsOf(column, [...inputColumns({ probed }), 'selection_key']);
        for (let i = 0; i < rows; i++) {
          const clip = clipOfRow(name => get[name]?.[i], intern, options.source as string);
          const key = strataKey(clip.split, clip.label);
          const group = entryOf(selected, key, () => ({ clips: [] as Clip[], keys: [] as number[] }));
          group.clips.push(clip);
          group.keys.push(Number(get.selection_key?.[i]));
        }
      },
      isSmall(expected?.reduce((sum, n) => sum + n, 0)),
    );
    const selection: Stratum[] = strata.map(s => {
      const group = selected.get(strataKey(s.split, s.label)) ?? { clips: [], keys: [] };
      const keys = Float64Array.from(group.keys);
      const order = selectionOrder(keys, i => (group.clips[i] as Clip).clipId);
      return {
        split: s.split,
        label: s.label,
        clips: Array.from(order, i => group.clips[i] as Clip),
        keys: Float64Array.from(order, i => keys[i] as number),
      };
    });
    if (expected !== undefined && selection.some((s, i) => s.clips.length !== expected[i]))
      throw await quotasBroken(duck, table, options.source as string);
    const result: SliceResult = {
      rows: orderRows(selection, options.shuffle, options.seed),
      selection,
      eligible,
      strata: strata.map((s, i) => ({
        split: s.split,
        label: s.label,
        eligible: s.n,
        selected: selection[i]?.clips.length ?? 0,
      })),
      stages,
      warnings,
      short,
    };
    return { source, preselected: { result, total } };
  } finally {
    if (rows === undefined) duck.close();
  }
}

/**
 * Runs the first of `plans` that neither meets a tie across a quota nor runs out of memory (see byNumber in
 * quota-thresholds.ts). Either happens before the first row, while the picked rows are gathered: a plan that
 * fails after handing rows over fails the slice.
 */
async function chunksOfPlans(
  duck: Duck,
  plans: readonly string[],
  each: (column: (name: string) => SqlValue[], rows: number) => void,
  small: boolean,
): Promise<void> {
  for (let i = 0; ; i++) {
    let given = false;
    try {
      const handed = (column: (name: string) => SqlValue[], rows: number): void => {
        given = true;
        each(column, rows);
      };
      await duck.chunks(plans[i] as string, handed, { small });
      return;
    } catch (error) {
      const another = i + 1 < plans.length && (isQuotaTie(error) || error instanceof DuckOutOfMemory);
      if (!another || given) throw error;
    }
  }
}

/**
 * The most rows a selection may have for DuckDB to make its result whole rather than stream it (a 250,000-row
 * manifest's lines are about 35 MB); selections of unknown size stream.
 */
const WHOLE_ROWS = 250_000;

/** The columns of a chunk by name, each made into JavaScript values once. */
function columnsOf(column: (name: string) => SqlValue[], names: readonly string[]): Record<string, SqlValue[]> {
  return Object.fromEntries(names.map(name => [name, column(name)]));
}

/**
 * The selected rows, fetched from DuckDB in manifest order when the manifest is written, a chunk at a time: at
 * 10^8 clips 10^7 rows are selected, which as objects would take gigabytes. With a LineSpec, DuckDB makes their
 * manifest lines too. Checks, as they pass, that each class arrives whole, in the order of the strata, with its
 * quota.
 */
function pendingRows(
  duck: Duck,
  plans: readonly string[],
  strata: readonly { split: string | null; label: string | null }[],
  quotas: readonly number[],
  probed: boolean,
  index: { readonly table: string; readonly file: string },
  isSmall: (rows: number) => boolean,
): PendingRows {
  let open = true;
  const close = (): void => {
    if (open) duck.close();
    open = false;
  };
  const expected = strata.flatMap((s, i) => ((quotas[i] ?? 0) > 0 ? [{ ...s, n: quotas[i] ?? 0 }] : []));
  const names = inputColumns({ probed });
  const count = quotas.reduce((sum, n) => sum + n, 0);
  return {
    count,
    async each(block, lines) {
      try {
        // A small selection has its lines joined in blocks by DuckDB: unless some line could not be made there,
        // those are the manifest's rows.
        const strataRows = await strataTable(duck, expected, lines);
        if (lines !== undefined && isSmall(count)) {
          const joined = plans.map(plan => orderedRowsSql(plan, strataRows, probed, lines, BLOCK_ROWS));
          const bytes = await blockBytes(duck, joined, expected);
          if (bytes !== undefined) {
            block({ rows: 0, bytes, line: () => null, clip: () => notMade() });
            return;
          }
        }
        const intern = interner();
        const quotas = new QuotaWalk(expected);
        const ordered = plans.map(plan => orderedRowsSql(plan, strataRows, probed, lines));
        await chunksOfPlans(
          duck,
          ordered,
          (column, rows) => {
            for (const s of column(STRATUM_COLUMN)) quotas.next(s);
            const made = lines === undefined ? undefined : (column(LINE_COLUMN) as (string | null)[]);
            let get: Record<string, SqlValue[]> | undefined;
            block({
              rows,
              line: i => made?.[i] ?? null,
              clip: i => {
                get ??= columnsOf(column, names);
                return clipOfRow(name => get?.[name]?.[i], intern, index.file);
              },
            });
          },
          isSmall(count),
        );
        quotas.end();
      } catch (error) {
        if (error instanceof QuotaMismatch) throw await quotasBroken(duck, index.table, index.file);
        throw error;
      } finally {
        close();
      }
    },
    close,
  };
}

/** The rows DuckDB gave do not keep the quotas of the strategy, class by class and in order. */
export class QuotaMismatch extends Error {}

/** Follows the strata of the rows as they come: each stratum whole, in order, with its quota. */
export class QuotaWalk {
  private at = -1;
  private left = 0;
  constructor(private readonly expected: readonly { readonly n: number }[]) {}

  next(stratum: SqlValue): void {
    this.take(stratum, 1);
  }

  /** `rows` rows of `stratum` in a row: they must not run past its quota. */
  take(stratum: SqlValue, rows: number): void {
    if (rows <= 0) throw new QuotaMismatch();
    if (this.left === 0) {
      this.at += 1;
      this.left = this.expected[this.at]?.n ?? 0;
    }
    if (stratum !== this.at || rows > this.left) throw new QuotaMismatch();
    this.left -= rows;
  }

  end(): void {
    if (this.left !== 0 || this.at !== this.expected.length - 1) throw new QuotaMismatch();
  }
}

/** Rows a block of joined lines (see blockBytes). */
const BLOCK_ROWS = 2048;

function notMade(): never {
  throw new Error('a block of joined lines has no rows of its own');
}

/**
 * The manifest's lines joined in blocks, as UTF-8 bytes, each block's rows checked against the quotas of the
 * strata in order; undefined when some line was not made in DuckDB (the rows are then fetched one by one, for
 * the writer). Bytes rather than text: decoding 6 MB of lines and encoding them again cost 15 to 20 ms.
 */
async function blockBytes(
  duck: Duck,
  plans: readonly string[],
  expected: readonly { readonly n: number }[],
): Promise<Buffer[] | undefined> {
  const texts: Buffer[] = [];
  let whole = true;
  const quotas = new QuotaWalk(expected);
  await chunksOfPlans(
    duck,
    plans,
    (column, rows) => {
      const text = column(LINE_COLUMN);
      const counted = column(ROWS_COLUMN);
      const made = column(MADE_COLUMN);
      const strata = column(STRATUM_COLUMN);
      for (let b = 0; b < rows; b++) {
        whole &&= Number(made[b]) === Number(counted[b]);
        const bytes = (text[b] as { bytes?: Uint8Array } | null)?.bytes ?? new Uint8Array(0);
        texts.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        // The rows are in order of their strata, so a block's count of each, by stratum, is the run of each.
        const runs = (strata[b] as { entries?: readonly { key: SqlValue; value: SqlValue }[] } | null)?.entries ?? [];
        let held = 0;
        for (const { key, value } of [...runs].sort((x, y) => Number(x.key) - Number(y.key))) {
          quotas.take(key, Number(value));
          held += Number(value);
        }
        // Rows of no stratum are in no run.
        if (held !== Number(counted[b])) throw new QuotaMismatch();
      }
    },
    true,
  );
  quotas.end();
  return whole ? texts : undefined;
}

/**
 * Why the selected rows do not keep the quotas: an index that lists a path, or a clip id in its split, twice
 * (made or edited by hand; `scan` drops duplicates), which the JavaScript engine refuses as damaged too.
 * Looked for only here, as it costs a pass over the index (50 ms at 650,000 clips). Anything else is a fault
 * of the engine's own.
 */
async function quotasBroken(duck: Duck, table: string, file: string): Promise<Error> {
  const [id] = await duck.rows(`SELECT split, clip_id FROM ${table} GROUP BY ALL HAVING COUNT(*) > 1 LIMIT 1`);
  if (id !== undefined) return damaged(file, `clip id '${String(id.clip_id)}' is listed twice in its split`);
  const [path] = await duck.rows(`SELECT path FROM ${table} GROUP BY ALL HAVING COUNT(*) > 1 LIMIT 1`);
  if (path !== undefined) return damaged(file, `path '${String(path.path)}' is listed twice`);
  return new Error('the DuckDB selection does not keep the quotas of its strategy');
}
