import type { Percent } from '../select/percent.js';
import type { SizeSpec } from '../select/strategies/index.js';
import type { KnownRow, SqlDialect } from './dialects.js';

/** A slice as data, which any SQL dialect can run: filters already resolved to class names. */
export interface SelectionSpec {
  readonly seed: string;
  readonly size: SizeSpec;
  /** Keep only these splits (`--split`, resolved against the index's own split names). */
  readonly splits?: readonly string[] | undefined;
  /** Class names as the index spells them (`--classes`, `--exclude-classes` after matching). */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Every class of the source, in code-point order: label_index comes from this list, never from the rows. */
  readonly classes: readonly string[];
  /** Whether the index has probe columns: corrupt clips are then never selected, and their columns come along. */
  readonly probed: boolean;
  /**
   * An annotated index's classes and their annotated rows, after the class and split filters: rule v2 sizes a
   * class by these (or its usable files, if more), so a class missing files keeps its quota. Absent or empty:
   * classes are sized by their usable files.
   */
  readonly known?: readonly KnownRow[] | undefined;
}

const BASE_COLUMNS = ['path', 'label', 'clip_id', 'youtube_id', 'time_start', 'time_end', 'split', 'size_bytes'];
const PROBE_COLUMNS = ['mtime_ms', 'probe', 'probe_reason', 'duration_s', 'fps', 'num_frames', 'width', 'height'];

/** The columns the query reads from the table. */
export function inputColumns(spec: Pick<SelectionSpec, 'probed'>): string[] {
  return spec.probed ? [...BASE_COLUMNS, ...PROBE_COLUMNS, 'codec'] : BASE_COLUMNS;
}

/** P% as p/q in lowest terms: 12.5% is 1/8, so k = round_half_up(n * p / q) = (2np + q) div 2q, exactly. */
export function percentFraction(percent: Percent): { p: bigint; q: bigint } {
  let p = percent.digits;
  let q = 100n * 10n ** BigInt(percent.decimals);
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const g = gcd(p, q);
  p /= g;
  q /= g;
  return { p, q };
}

/** The filters every slice applies, in the order the JavaScript engine applies them, as SQL conditions. */
export function filterConditions(
  spec: Pick<SelectionSpec, 'include' | 'exclude' | 'probed'>,
  d: SqlDialect,
): { name: string; sql: string }[] {
  const list = (names: readonly string[]): string => names.map(name => d.text(name)).join(', ');
  return [
    { name: 'zero-byte files', sql: '(size_bytes IS NULL OR size_bytes <> 0)' },
    ...(spec.probed ? [{ name: 'corrupt videos', sql: `(probe IS NULL OR probe <> 'corrupt')` }] : []),
    ...(spec.include.length > 0 ? [{ name: 'include', sql: `label IN (${list(spec.include)})` }] : []),
    ...(spec.exclude.length > 0
      ? [{ name: 'exclude', sql: `(label IS NULL OR label NOT IN (${list(spec.exclude)}))` }]
      : []),
  ];
}

/** The conditions a clip must meet to be eligible: its split, then every filter. */
export function eligibleWhere(spec: SelectionSpec, d: SqlDialect): string {
  const where = [
    ...(spec.splits === undefined ? [] : [`split IN (${spec.splits.map(s => d.text(s)).join(', ')})`]),
    ...filterConditions(spec, d).map(f => f.sql),
  ];
  return where.join('\n    AND ');
}

/** `FROM table WHERE ...`: the eligible clips, with their selection keys. */
export function eligibleSql(
  spec: SelectionSpec,
  d: SqlDialect,
  table: string,
  columns: readonly string[] = inputColumns(spec),
): string {
  return [
    `  SELECT ${columns.join(', ')},`,
    `         ${d.key(d.text(`${spec.seed}:`))} AS selection_key`,
    `  FROM ${table}`,
    `  WHERE ${eligibleWhere(spec, d)}`,
  ].join('\n');
}

/**
 * The query that selects a slice's clips from a table of the index columns, in manifest order (split, label,
 * clip id, by their bytes), with each clip's label_index and selection key. What `k400-slice sql` prints and
 * `--engine duckdb` runs.
 */
export function selectionSql(
  spec: SelectionSpec,
  d: SqlDialect,
  table: string,
  // The DuckDB engine groups and orders the rows itself and numbers labels from the header: it asks for the
  // rows only, unordered, with keys as DOUBLE (exact for 52 bits, and no BigInt a row on the JavaScript side);
  // or, to write them as they come, `ordered` as a manifest of the whole slice lists them.
  { rowsOnly = false, ordered = false } = {},
): string {
  const stratum = `PARTITION BY split, label`;
  const inSelectionOrder = `selection_key, ${d.bytes('clip_id')}`;
  const strataOrder = `${d.bytes('split')} NULLS FIRST, ${d.bytes('label')} NULLS FIRST`;
  const size = spec.size;
  // Rows only, for a strategy by class: rank a narrow projection (split, label, clip id, key), keep each
  // class's last selected key, then read the chosen rows whole in a second pass. The window then sorts a few
  // columns instead of every one (at 10^7 clips and more it spilled the whole index to disk).
  const byThreshold = rowsOnly && size.strategy !== 'all' && size.strategy !== 'count';
  const narrow = byThreshold ? ['split', 'label', 'clip_id'] : inputColumns(spec);
  const ctes = [`eligible AS (\n${eligibleSql(spec, d, table, narrow)}\n)`];
  let keep: string;
  if (size.strategy === 'all') {
    ctes.push('ranked AS (\n  SELECT * FROM eligible\n)');
    keep = '';
  } else if (size.strategy === 'count') {
    // The N smallest keys overall; equal keys (the same clip id in two splits) go by clip id, then stratum.
    ctes.push(
      `ranked AS (\n  SELECT *, ROW_NUMBER() OVER (ORDER BY ${inSelectionOrder}, ${strataOrder}) AS rank_in_slice\n` +
        '  FROM eligible\n)',
    );
    keep = `rank_in_slice <= ${size.count}`;
  } else {
    const known = spec.known ?? [];
    const sized = known.length > 0;
    if (sized) ctes.push(`known AS (\n  SELECT * FROM ${d.knownTable(known, 'known_rows')}\n)`);
    let quota: string;
    if (size.strategy === 'percent') {
      const { p, q } = percentFraction(size.percent);
      quota = `LEAST(n, GREATEST(${size.minPerClass}, ${d.div(`2 * n * ${p} + ${q}`, `${2n * q}`)}))`;
    } else if (size.strategy === 'per-class') {
      quota = `LEAST(n, ${size.perClass})`;
    } else {
      ctes.push(...stratifiedQuotas(size.count, d, strataOrder, sized));
      quota = 'quota';
    }
    const join =
      size.strategy === 'stratified-count'
        ? `\n  JOIN quotas ON ${d.same('quotas.split', 'counted.split')} AND ${d.same('quotas.label', 'counted.label')}`
        : '';
    // A known class is sized by its annotated rows when they pass its usable files; rank_in_class <= k then
    // takes what files there are. (Stratified counts size classes in their own CTE, above.)
    const byKnown = sized && size.strategy !== 'stratified-count';
    const within = byKnown ? 'PARTITION BY eligible.split, eligible.label' : stratum;
    const counted = byKnown
      ? [
          `  SELECT eligible.*, GREATEST(COUNT(*) OVER (${within}), COALESCE(known.n, 0)) AS n,`,
          `         ROW_NUMBER() OVER (${within} ORDER BY ${inSelectionOrder}) AS rank_in_class`,
          `  FROM eligible LEFT JOIN known ON ${d.same('eligible.split', 'known.split')} AND ` +
            d.same('eligible.label', 'known.label'),
        ]
      : [
          `  SELECT *, COUNT(*) OVER (${stratum}) AS n,`,
          `         ROW_NUMBER() OVER (${stratum} ORDER BY ${inSelectionOrder}) AS rank_in_class`,
          '  FROM eligible',
        ];
    ctes.push(
      ['counted AS (', ...counted, ')'].join('\n'),
      `ranked AS (\n  SELECT counted.*, ${quota} AS k\n  FROM counted${join}\n)`,
    );
    keep = 'rank_in_class <= k';
  }
  const columns = inputColumns(spec).map(c => (c === 'label' ? 'ranked.label' : c));
  if (byThreshold) {
    ctes.push(
      [
        'thresholds AS (',
        '  SELECT split, label, arg_max(selection_key, rank_in_class) AS last_key,',
        '         arg_max(clip_id, rank_in_class) AS last_id',
        `  FROM ranked WHERE ${keep} GROUP BY split, label`,
        ')',
      ].join('\n'),
    );
    return [
      `WITH ${ctes.join(',\n')}`,
      `SELECT ${inputColumns(spec)
        .map(c => `chosen.${c}`)
        .join(', ')}, CAST(chosen.selection_key AS DOUBLE) AS selection_key`,
      `FROM (\n${eligibleSql(spec, d, table)}\n) AS chosen`,
      `JOIN thresholds ON ${d.same('chosen.split', 'thresholds.split')}` +
        ` AND ${d.same('chosen.label', 'thresholds.label')}`,
      `WHERE chosen.selection_key < last_key OR (chosen.selection_key = last_key AND ${d.bytes('chosen.clip_id')} <= ` +
        `${d.bytes('last_id')})`,
      ...(ordered ? [manifestOrder(d, 'chosen.')] : []),
    ].join('\n');
  }
  if (rowsOnly) {
    const rows = `SELECT ${columns.join(', ')}, CAST(selection_key AS DOUBLE) AS selection_key\nFROM ranked`;
    const order = ordered ? `\n${manifestOrder(d, 'ranked.')}` : '';
    return `WITH ${ctes.join(',\n')}\n${rows}${keep === '' ? '' : `\nWHERE ${keep}`}${order}`;
  }
  const labelled = spec.classes.length > 0;
  const labelIndex = labelled ? 'classes.label_index' : 'NULL AS label_index';
  const select = [
    'SELECT',
    `  ${[...columns.slice(0, 2), labelIndex, ...columns.slice(2)].join(', ')},`,
    '  selection_key',
    'FROM ranked',
    ...(labelled
      ? [
          `LEFT JOIN ${d.classTable(
            spec.classes.map((label, i) => [label, i]),
            'classes',
          )} ON ranked.label = classes.label`,
        ]
      : []),
    ...(keep === '' ? [] : [`WHERE ${keep}`]),
    `ORDER BY ${d.bytes('split')} NULLS FIRST, ${d.bytes('ranked.label')} NULLS FIRST, ` +
      `${d.bytes('clip_id')}, ${d.bytes('path')}`,
  ];
  return `WITH ${ctes.join(',\n')}\n${select.join('\n')}`;
}

/** The order of a manifest of a whole slice: split, label, clip id, then path, each by its bytes. */
function manifestOrder(d: SqlDialect, table: string): string {
  return (
    `ORDER BY ${d.bytes(`${table}split`)} NULLS FIRST, ${d.bytes(`${table}label`)} NULLS FIRST, ` +
    `${d.bytes(`${table}clip_id`)}, ${d.bytes(`${table}path`)}`
  );
}

/**
 * `--count N --stratified` as SQL: each stratum gets floor(take * n / total) in exact integers, and the clips
 * left over go one each to the largest remainders, ties to the stratum that sorts first.
 */
function stratifiedQuotas(count: number, d: SqlDialect, strataOrder: string, known: boolean): string[] {
  const usable = 'SELECT split, label, COUNT(*) AS n FROM eligible GROUP BY split, label';
  // With known classes, a class with no usable file left still takes its share (and gives none of it).
  const strata = known
    ? [
        'strata AS (',
        '  SELECT COALESCE(usable.split, known.split) AS split, COALESCE(usable.label, known.label) AS label,',
        '         GREATEST(COALESCE(usable.n, 0), COALESCE(known.n, 0)) AS n',
        `  FROM (${usable}) AS usable`,
        `  FULL OUTER JOIN known ON ${d.same('usable.split', 'known.split')}` +
          ` AND ${d.same('usable.label', 'known.label')}`,
        ')',
      ].join('\n')
    : `strata AS (\n  ${usable}\n)`;
  return [
    strata,
    // SUM of integers is NUMERIC in PostgreSQL, and `/` on NUMERIC keeps the fraction: cast back to integers.
    'totals AS (\n  SELECT CAST(SUM(n) AS BIGINT) AS total, ' +
      `LEAST(${count}, CAST(SUM(n) AS BIGINT)) AS take FROM strata\n)`,
    [
      'shares AS (',
      `  SELECT split, label, take, ${d.div('take * n', 'total')} AS share,`,
      `         take * n - ${d.div('take * n', 'total')} * total AS remainder`,
      '  FROM strata CROSS JOIN totals',
      ')',
    ].join('\n'),
    [
      'quotas AS (',
      '  SELECT split, label, share + CASE',
      `    WHEN ROW_NUMBER() OVER (ORDER BY remainder DESC, ${strataOrder}) ` +
        '<= take - CAST(SUM(share) OVER () AS BIGINT)',
      '    THEN 1',
      '    ELSE 0 END AS quota',
      '  FROM shares',
      ')',
    ].join('\n'),
  ];
}
