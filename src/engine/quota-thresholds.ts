import { dialects } from '../sql/dialects.js';
import { eligibleSql, inputColumns, type SelectionSpec } from '../sql/selection-sql.js';
import { type Duck, DuckOutOfMemory } from './duckdb.js';

/**
 * The chosen rows of a strategy whose class quotas the counts already gave (percent, per class, stratified
 * count), in two cheap passes instead of a window: the first keeps, per class, only its k+1 smallest keys (a
 * bounded heap, `min(key, K)`), which gives the largest key taken; the second reads the rows at most that key.
 * At 650,000 clips the window that ranks every clip of its class cost about three times the heap.
 *
 * Exact only when the k-th and (k+1)-th keys differ (a tie there would need the clip ids to break it), and
 * lean only while the heaps are small: in either case it returns undefined and the ranking plan (the SQL
 * twin's) runs instead.
 */
export async function thresholdRowsSql(
  duck: Duck,
  spec: SelectionSpec,
  table: string,
  strata: readonly { split: string | null; label: string | null; n: number }[],
  quotas: readonly number[],
  { ordered = false, budget }: { ordered?: boolean; budget?: number | undefined } = {},
): Promise<string | undefined> {
  const d = dialects.duckdb;
  // A class taken whole needs no threshold, one taken not at all no row; the rest need their k-th key.
  const cut = strata.flatMap((s, i) => {
    const k = quotas[i] ?? 0;
    return k > 0 && k < s.n ? [{ ...s, k }] : [];
  });
  const whole = strata.filter((s, i) => (quotas[i] ?? 0) > 0 && (quotas[i] ?? 0) >= s.n);
  const heap = Math.max(0, ...cut.map(s => s.k)) + 1;
  const held = strata.reduce((sum, s) => sum + Math.min(s.n, heap), 0);
  if (held > (budget ?? heapBudget(await duckThreads(duck)))) return undefined;
  const literal = (v: string | null): string => (v === null ? 'CAST(NULL AS VARCHAR)' : d.text(v));
  const values = (rows: readonly { split: string | null; label: string | null }[], extra: (i: number) => string) =>
    rows.map((s, i) => `(${literal(s.split)}, ${literal(s.label)}, ${extra(i)})`).join(', ');
  const join = (a: string, b: string): string =>
    `${d.same(`${a}.split`, `${b}.split`)} AND ${d.same(`${a}.label`, `${b}.label`)}`;
  let taken = whole.map(s => ({ split: s.split, label: s.label, last: null as bigint | null }));
  if (cut.length > 0) {
    const keys = eligibleSql(spec, d, table, ['split', 'label']);
    const rows = await outOfMemoryAsUndefined(
      duck.rows(
        [
          `WITH cut(split, label, k) AS (VALUES ${values(cut, i => String(cut[i]?.k))}),`,
          `heaps AS (\nSELECT split, label, min(selection_key, ${heap}) AS smallest FROM (\n${keys}\n) GROUP BY ALL\n)`,
          'SELECT cut.split, cut.label, smallest[k] AS last, smallest[k + 1] AS next',
          `FROM cut JOIN heaps ON ${join('cut', 'heaps')}`,
        ].join('\n'),
      ),
    );
    // Heaps that did not fit DuckDB's memory limit (they cannot spill): the ranking plan, which can, runs instead.
    if (rows === undefined) return undefined;
    // A tie across the quota: which of the equal keys is taken goes by clip id, which the heap did not keep.
    if (rows.length !== cut.length || rows.some(r => r.last === null || r.last === r.next)) return undefined;
    const limits = rows.map(r => ({
      split: r.split as string | null,
      label: r.label as string | null,
      last: r.last as bigint,
    }));
    taken = [...taken, ...limits];
  }
  if (taken.length === 0) return undefined;
  const columns = inputColumns(spec);
  return [
    `WITH limits(split, label, last_key) AS (VALUES ${values(taken, i => {
      const last = taken[i]?.last ?? null;
      return last === null ? 'CAST(NULL AS UBIGINT)' : `CAST(${last} AS UBIGINT)`;
    })})`,
    `SELECT ${columns.map(c => `chosen.${c}`).join(', ')}, CAST(chosen.selection_key AS DOUBLE) AS selection_key`,
    `FROM (\n${eligibleSql(spec, d, table)}\n) AS chosen`,
    `JOIN limits ON ${join('chosen', 'limits')}`,
    'WHERE limits.last_key IS NULL OR chosen.selection_key <= limits.last_key',
    ...(ordered
      ? [
          `ORDER BY ${d.bytes('chosen.split')} NULLS FIRST, ${d.bytes('chosen.label')} NULLS FIRST, ` +
            `${d.bytes('chosen.clip_id')}, ${d.bytes('chosen.path')}`,
        ]
      : []),
  ].join('\n');
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

/** The threads DuckDB runs a query on: its default, one a CPU, unless set. */
async function duckThreads(duck: Duck): Promise<number> {
  const [row] = await duck.rows("SELECT current_setting('threads') AS threads");
  return Number(row?.threads ?? 1);
}
