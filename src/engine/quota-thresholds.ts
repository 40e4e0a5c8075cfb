import { dialects } from '../sql/dialects.js';
import { eligibleWhere, inputColumns, type SelectionSpec } from '../sql/selection-sql.js';
import { type Duck, DuckOutOfMemory } from './duckdb.js';
import { literalTable, STRATUM_COLUMNS } from './literal-table.js';

/**
 * The chosen rows of a strategy whose class quotas the counts already gave (percent, per class, stratified
 * count), without the window that ranks every clip of its class (at 650,000 clips it cost about three times
 * this): each class keeps only its k+1 smallest keys (a bounded heap, `min(key, K)`, of their first hex
 * digits: see digitsOf), which gives the last key taken. Returns the query of the chosen rows, unordered, with
 * their selection keys as DOUBLE.
 *
 * A Parquet index (`numbered`: the table with `file_row_number`), while its heaps are small enough to hold each
 * key with its row number, is sliced in one query (see byNumber) that reads the chosen rows by number, so no
 * MD5 is worked out twice. Otherwise a first pass finds each class's last key, and the query returned reads the
 * rows at most that key.
 *
 * Exact only when the k-th and (k+1)-th clips' digits differ (where they are the same, only the keys and clip
 * ids could order them), and lean only while the heaps are small: in either case it returns undefined (or the
 * one query fails with QUOTA_TIE or out of memory before any row), and the ranking plan (the SQL twin's) runs
 * instead.
 */
export async function thresholdRowsSql(
  duck: Duck,
  spec: SelectionSpec,
  table: string,
  strata: readonly { split: string | null; label: string | null; n: number }[],
  quotas: readonly number[],
  // `digits`: the hex digits the heaps order clips by (tests pass fewer, to meet ties of them).
  {
    budget,
    numbered,
    digits = HEAP_DIGITS,
  }: { budget?: number | undefined; numbered?: string | undefined; digits?: number | undefined } = {},
): Promise<string | undefined> {
  const d = dialects.duckdb;
  // A class taken whole needs no threshold, one taken not at all no row; the rest need their k-th key.
  const cut = strata.flatMap((s, i) => {
    const k = quotas[i] ?? 0;
    return k > 0 && k < s.n ? [{ ...s, k }] : [];
  });
  const whole = strata.filter((s, i) => (quotas[i] ?? 0) > 0 && (quotas[i] ?? 0) >= s.n);
  if (cut.length === 0 && whole.length === 0) return undefined;
  const heap = Math.max(0, ...cut.map(s => s.k)) + 1;
  const held = strata.reduce((sum, s) => sum + Math.min(s.n, heap), 0);
  const fits = budget ?? heapBudget(duck.threads);
  if (held > fits) return undefined;
  // Heaps of keys and of row numbers by key take about three times the memory of keys alone: at 10^7 clips and
  // 10% (3.1 million keys, two threads) they ran out of the 512 MB limit that keys alone fit in.
  if (numbered !== undefined && 3 * held <= fits)
    return await outOfMemoryAsUndefined(byNumber(duck, spec, numbered, cut, whole, heap, digits));
  // Keys by their first hex digits as text, as in byNumber: two passes over 10^7 clips took a fifth less.
  const ordered = digitsOf(spec, digits);
  let taken = whole.map(s => ({ split: s.split, label: s.label, last: null as string | null }));
  if (cut.length > 0) {
    const rows = await outOfMemoryAsUndefined(
      cutTable(duck, cut).then(cuts =>
        duck.rows(
          [
            `WITH heaps AS (`,
            `  SELECT split, label, min(${ordered}, ${heap}) AS smallest FROM ${table}`,
            `  WHERE ${eligibleWhere(spec, d)}`,
            '  GROUP BY ALL',
            ')',
            'SELECT cut.split, cut.label, smallest[k] AS last, smallest[k + 1] AS next',
            `FROM ${cuts} AS cut JOIN heaps ON ${sameStratum('cut', 'heaps')}`,
          ].join('\n'),
        ),
      ),
    );
    // Heaps that did not fit DuckDB's memory limit (they cannot spill): the ranking plan, which can, runs instead.
    if (rows === undefined) return undefined;
    // A tie across the quota: which of the clips sharing those digits is taken goes by key and clip id, which
    // the heap did not keep.
    if (rows.length !== cut.length || rows.some(r => r.last === null || r.last === r.next)) return undefined;
    const limits = rows.map(r => ({
      split: r.split as string | null,
      label: r.label as string | null,
      last: String(r.last),
    }));
    taken = [...taken, ...limits];
  }
  const columns = inputColumns(spec);
  const limits = await outOfMemoryAsUndefined(
    literalTable(
      duck,
      'k400_limits',
      [...STRATUM_COLUMNS, { name: 'last_digits', type: 'VARCHAR' }],
      taken.map(s => [s.split, s.label, s.last]),
    ),
  );
  if (limits === undefined) return undefined;
  return [
    `SELECT ${columns.map(c => `chosen.${c}`).join(', ')},`,
    `  CAST(${d.key(d.text(`${spec.seed}:`))} AS DOUBLE) AS selection_key`,
    `FROM (SELECT ${columns.join(', ')}, ${ordered} AS selection_digits FROM ${table}`,
    `  WHERE ${eligibleWhere(spec, d)}) AS chosen`,
    `JOIN ${limits} AS limits ON ${sameStratum('chosen', 'limits')}`,
    'WHERE limits.last_digits IS NULL OR chosen.selection_digits <= limits.last_digits',
  ].join('\n');
}

/**
 * The first `digits` hex digits of a clip's MD5 digest, as text: for any two clips whose digits differ, the
 * same order as their keys' (the first 13 digits read as a number), and 12 digits are as much text as DuckDB
 * holds without an allocation. Reading the digits as a number took about a fifth of a query's time.
 */
function digitsOf(spec: SelectionSpec, digits: number): string {
  return `substr(md5(${dialects.duckdb.text(`${spec.seed}:`)} || clip_id), 1, ${digits})`;
}

/** The hex digits of a clip's MD5 digest the one-query plan's heaps order clips by (see byNumber). */
const HEAP_DIGITS = 12;

/** The message of the error the one-query plan raises at a tie across a quota (see isQuotaTie). */
const QUOTA_TIE = 'k400-slice: equal keys across a class quota';

/** Whether DuckDB failed a query because the one-query plan met a tie across a quota: the ranking plan runs. */
export function isQuotaTie(error: unknown): boolean {
  return error instanceof Error && error.message.includes(QUOTA_TIE);
}

/**
 * The one-query plan for a Parquet index: each class's k+1 smallest keys (by their digits, see below), and the
 * row numbers of its first k (`min_by`); then the index read again for the picked rows, and every eligible row
 * of the classes taken whole, their keys worked out again for those rows only. A tie between the k-th and
 * (k+1)-th clips raises QUOTA_TIE while the picked rows are gathered, before the second read gives any row. (A
 * temporary table of the picked rows cost a third more, a HUGEINT packing key and row number a fifth more.)
 */
async function byNumber(
  duck: Duck,
  spec: SelectionSpec,
  numbered: string,
  cut: readonly { split: string | null; label: string | null; k: number }[],
  whole: readonly { split: string | null; label: string | null }[],
  heap: number,
  digits: number,
): Promise<string> {
  const d = dialects.duckdb;
  const key = d.key(d.text(`${spec.seed}:`));
  // The heaps order clips by the first hex digits of their digests (digitsOf). Clips that share them are in no
  // set order here: that matters only where the k-th and (k+1)-th clips of a class share them, which the tie
  // check below catches (a tie of keys always shares them).
  const digest = digitsOf(spec, digits);
  const where = eligibleWhere(spec, d);
  const ctes: string[] = [];
  const kept: string[] = [];
  if (cut.length > 0) {
    const cuts = await cutTable(duck, cut);
    ctes.push(
      [
        'heaps AS (',
        `  SELECT split, label, min(selection_digest, ${heap}) AS smallest,`,
        `    min_by(file_row_number, selection_digest, ${heap}) AS numbers`,
        `  FROM (SELECT split, label, file_row_number, ${digest} AS selection_digest FROM ${numbered}`,
        `    WHERE ${where})`,
        '  GROUP BY ALL',
        ')',
      ].join('\n'),
      [
        'picked AS (',
        `  SELECT unnest(CASE WHEN smallest[k] = smallest[k + 1] THEN error(${d.text(QUOTA_TIE)})`,
        '    ELSE numbers[1:k] END) AS file_row_number',
        `  FROM ${cuts} AS cut JOIN heaps ON ${sameStratum('cut', 'heaps')}`,
        ')',
      ].join('\n'),
    );
    kept.push('file_row_number IN (SELECT file_row_number FROM picked)');
  }
  if (whole.length > 0) {
    const wholes = await literalTable(
      duck,
      'k400_whole',
      STRATUM_COLUMNS,
      whole.map(s => [s.split, s.label]),
    );
    kept.push(`EXISTS (SELECT 1 FROM ${wholes} AS whole WHERE ${sameStratum('whole', 'chosen')})`);
  }
  const columns = inputColumns(spec);
  return [
    ...(ctes.length > 0 ? [`WITH ${ctes.join(',\n')}`] : []),
    `SELECT ${columns.join(', ')}, CAST(${key} AS DOUBLE) AS selection_key`,
    `FROM ${numbered} AS chosen`,
    `WHERE ${where}`,
    `  AND (${kept.join(' OR ')})`,
  ].join('\n');
}

/** Each class's quota, where it takes some of its clips but not all: `(split, label, k)`. */
function cutTable(
  duck: Duck,
  cut: readonly { split: string | null; label: string | null; k: number }[],
): Promise<string> {
  return literalTable(
    duck,
    'k400_cut',
    [...STRATUM_COLUMNS, { name: 'k', type: 'BIGINT' }],
    cut.map(s => [s.split, s.label, s.k]),
  );
}

function sameStratum(a: string, b: string): string {
  const d = dialects.duckdb;
  return `${d.same(`${a}.split`, `${b}.split`)} AND ${d.same(`${a}.label`, `${b}.label`)}`;
}

/**
 * The heaps' memory grows with the threads and with DuckDB's own bookkeeping, which the budget below only
 * estimates: at 10^7 clips and 20% (6 million keys, 2 threads) they overran the 512 MB limit. An aggregate
 * cannot spill, so running out of memory there is not an error of the slice, only a sign to rank instead.
 */
async function outOfMemoryAsUndefined<T>(query: Promise<T>): Promise<T | undefined> {
  try {
    return await query;
  } catch (error) {
    if (error instanceof DuckOutOfMemory) return undefined;
    throw error;
  }
}

/**
 * Keys the first pass may hold in its heaps, all classes together, with `threads` DuckDB threads under its
 * 512 MB limit. Each thread keeps heaps of its own, so a key costs more the more threads there are. Slicing
 * the bench's 10^7-clip index, 4.9 million keys fitted one thread's heaps but not two's (which ran out of
 * memory: ranking after that took 25 s, ranking alone 17 s), and 3 million fitted two, four and eight
 * threads'; about 80 bytes a key, and 28 more each time the threads double, fits all of that (16 threads ran
 * out of memory whichever the plan). 650,000 clips need about 200,000 keys at 10%, 10^7 about 3 million;
 * 10^8 about 30 million, which the ranking plan does leaner.
 */
export function heapBudget(threads: number): number {
  return Math.floor(512e6 / (80 + 28 * Math.log2(Math.max(1, threads))));
}
