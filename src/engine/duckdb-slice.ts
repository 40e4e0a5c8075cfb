import { type PreparedSlice, type Preselected, resolveClasses } from '../api/slice.js';
import { type Clip, compareNullable } from '../clip.js';
import { DatasetError, UsageError } from '../errors.js';
import { entryOf } from '../map-entry.js';
import { sizeSpecOf } from '../options/slice-options.js';
import type { Stratum } from '../select/keyed.js';
import { selectionOrder } from '../select/keyed.js';
import { orderRows, type SliceResult } from '../select/slice.js';
import { countToTake } from '../select/strategies/count.js';
import { applyStrategy } from '../select/strategies/index.js';
import { indexInput } from '../source/index-file.js';
import { clipOfRow, interner } from '../source/parquet-index.js';
import { assembleSource, restrictSource, type Source } from '../source/source.js';
import { dialects } from '../sql/dialects.js';
import { eligibleSql, filterConditions, type SelectionSpec, selectionSql } from '../sql/selection-sql.js';
import { type DuckLimits, openDuck, sqlText } from './duckdb.js';
import { fingerprintSql, openIndexTable } from './index-table.js';

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

const strataKey = (split: string | null, label: string | null): string => JSON.stringify([split, label]);

/**
 * Slices a Parquet index inside DuckDB: the selection (filters, per-class counts, quotas, the k smallest keys)
 * runs as the query `k400-slice sql --dialect duckdb` prints, and only the selected rows come back, which the
 * JavaScript side then divides, orders and writes exactly as it does its own selection.
 */
export async function sliceWithDuckDb(
  prepared: PreparedSlice,
  path: string,
  limits: DuckLimits = {},
): Promise<{ source: Source; preselected: Preselected }> {
  const { options } = prepared;
  const refused = jsOnlyOption(prepared);
  if (refused !== undefined)
    throw new UsageError(`${refused} is not supported by --engine duckdb`, 'use --engine js (or auto)');
  if ((options.annotations ?? []).length > 0)
    throw new DatasetError(
      `--annotations cannot be used with an index ('${options.source}')`,
      'annotations are read when the index is made: k400-slice scan ROOT --annotations ...',
    );
  const duck = await openDuck(limits);
  try {
    const { table, header } = await openIndexTable(duck, path, options.source);
    if (options.probe && !header.probed)
      throw new DatasetError(
        `--probe: the index '${options.source}' was made without probing`,
        'make it again with k400-slice scan ROOT --probe',
      );
    const whole = assembleSource({ ...indexInput(header, [], options.source), split: undefined });
    let source = restrictSource(whole, options.split);
    // The split's own fingerprint, which restrictSource would sum over clips this engine never loads.
    if (source !== whole)
      source = { ...source, fingerprint: await fingerprintSql(duck, table, `split = ${sqlText(options.split ?? '')}`) };
    const d = dialects.duckdb;
    const inSplit = options.split === undefined ? 'TRUE' : `split = ${d.text(options.split)}`;
    const [counts] = await duck.rows(
      `SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE label IS NULL) AS unlabeled FROM ${table} WHERE ${inSplit}`,
    );
    const total = Number(counts?.total ?? 0);
    const { include, exclude } = resolveClasses(prepared, source, Number(counts?.unlabeled ?? 0) > 0);
    const spec: SelectionSpec = {
      seed: options.seed,
      size: sizeSpecOf(options),
      split: options.split,
      include,
      exclude,
      classes: source.classes,
      probed: header.probed,
    };
    const filters = filterConditions(spec, d);
    let so = 'TRUE';
    const stageSql = filters.map(f => {
      so = `${so} AND ${f.sql}`;
      return `COUNT(*) FILTER (WHERE ${so})`;
    });
    const [stageRow] = await duck.rows(
      `SELECT ${['0', ...stageSql].map((s, i) => `${s} AS s${i}`).join(', ')} FROM ${table} WHERE ${inSplit}`,
    );
    const names: Record<string, string> = { include: prepared.include.option, exclude: prepared.exclude.option };
    const stages = filters.map((f, i) => ({
      name: names[f.name] ?? f.name,
      remaining: Number(stageRow?.[`s${i + 1}`]),
    }));
    // The JavaScript engine always counts a corrupt-video stage; without probes it removes nothing.
    if (!header.probed) stages.splice(1, 0, { name: 'corrupt videos', remaining: stages[0]?.remaining ?? 0 });
    const strataRows = await duck.rows(
      `WITH eligible AS (\n${eligibleSql(spec, d, table)}\n) ` +
        'SELECT split, label, COUNT(*) AS n FROM eligible GROUP BY ALL',
    );
    const strata = strataRows
      .map(r => ({ split: r.split as string | null, label: r.label as string | null, n: Number(r.n) }))
      .sort((a, b) => compareNullable(a.split, b.split) || compareNullable(a.label, b.label));
    const eligible = strata.reduce((sum, s) => sum + s.n, 0);
    const size = spec.size;
    // What the strategy decides from counts alone: its errors and warnings, and the quotas the query must meet.
    let warnings: string[];
    let expected: number[] | undefined;
    if (size.strategy === 'count') warnings = countToTake(size, eligible).warnings;
    else {
      const shapes = strata.map(s => ({ ...s, clips: { length: s.n } as Clip[], keys: new Float64Array(0) }));
      ({ warnings, quotas: expected } = applyStrategy(shapes, size));
    }
    const selected = new Map<string, { clips: Clip[]; keys: number[] }>();
    const intern = interner();
    await duck.chunks(selectionSql(spec, d, table), (columns, rows) => {
      for (let i = 0; i < rows; i++) {
        const clip = clipOfRow(column => columns[column]?.[i], intern);
        const key = strataKey(clip.split, clip.label);
        const group = entryOf(selected, key, () => ({ clips: [] as Clip[], keys: [] as number[] }));
        group.clips.push(clip);
        group.keys.push(Number(columns.selection_key?.[i]));
      }
    });
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
      throw new Error('the DuckDB selection does not keep the quotas of its strategy');
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
    };
    return { source, preselected: { result, total } };
  } finally {
    duck.close();
  }
}
