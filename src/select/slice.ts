import seedrandom from 'seedrandom';
import { type Clip, compareCodePoints, compareNullable } from '../clip.js';
import { entryOf } from '../map-entry.js';
import { ClipList, type ClipRows, keysFor } from './clip-rows.js';
import { inSelectionOrder, type RankedStratum, type Stratum } from './keyed.js';
import { type Spare, withSpares } from './spare.js';
import { applyStrategy, type ShortClass, type SizeSpec } from './strategies/index.js';

/** A filter in the slice pipeline; its name is what the user typed, so an empty result can name it. */
export interface ClipFilter {
  readonly name: string;
  keep(clip: Clip): boolean;
}

export interface SliceRequest {
  readonly seed: string;
  /**
   * sliceClips only: how to get a clip's key for `seed` (Source.keyOf); default: hash each clip. sliceRows
   * reads the table's keys.
   */
  readonly keyOf?: ((clip: Clip) => number) | undefined;
  readonly size: SizeSpec;
  /** Applied in order, after the built-in zero-byte filter. */
  readonly filters: readonly ClipFilter[];
  /** Rows in a seeded training order instead of split, label, clip id. */
  readonly shuffle: boolean;
  /** `--spare`: every class also takes the next clips in key order after its quota. */
  readonly spare?: Spare | undefined;
  /**
   * The clips the source knows class by class (annotated rows), when they size the classes (rule v2): a
   * class is sized by these, with or without usable files. Absent: classes are sized by their usable files.
   */
  readonly known?: readonly KnownClass[] | undefined;
}

/** A class and how many clips the source knows in it. */
export interface KnownClass {
  readonly split: string | null;
  readonly label: string;
  readonly count: number;
}

export interface StratumCount {
  readonly split: string | null;
  readonly label: string | null;
  readonly eligible: number;
  readonly selected: number;
}

export interface SliceResult {
  /** Selected clips in output order. */
  readonly rows: Clip[];
  /** The selection class by class, each in selection order with its keys: what parts and shards divide. */
  readonly selection: Stratum[];
  readonly eligible: number;
  /** Per (split, class), in split then class order; classes that no filter kept are absent. */
  readonly strata: StratumCount[];
  /** Clips left after each filter, in order: for saying which filter removed everything. */
  readonly stages: readonly { readonly name: string; readonly remaining: number }[];
  readonly warnings: string[];
  /** Classes whose usable files could not fill their quota. */
  readonly short: ShortClass[];
  /** Clips selected beyond the quotas as spares (`--spare`). */
  readonly spares?: number;
}

/** Empty files hold no video, and files a probe found damaged decode badly: never eligible. */
const NON_EMPTY: ClipFilter = { name: 'zero-byte files', keep: clip => clip.sizeBytes !== 0 };
const NOT_CORRUPT: ClipFilter = { name: 'corrupt videos', keep: clip => clip.probe?.status !== 'corrupt' };

/** A stratum before its quota: its usable rows in selection order, aligned with `keys`. */
interface RowStratum extends RankedStratum {
  readonly rows: Uint32Array;
}

/**
 * Filters, then sizes, then orders. Pure: the result depends only on the set of clips and the request,
 * not on their order in `clips`.
 */
export function sliceClips(clips: readonly Clip[], request: SliceRequest): SliceResult {
  return sliceRows(new ClipList(clips, request.seed, { keyOf: request.keyOf }), request);
}

/**
 * sliceClips on a source's rows: filters, strata, keys and quotas work on row numbers, and only the rows
 * selected become Clips. Keys are the table's own when it was filled for the request's seed.
 */
export function sliceRows(table: ClipRows, request: SliceRequest): SliceResult {
  const filters = [NON_EMPTY, NOT_CORRUPT, ...request.filters];
  // One pass; each filter counts what it removed, so an empty result can name the filter responsible.
  const removed = filters.map(() => 0);
  const passed = new Uint8Array(table.rows);
  const counts = new Uint32Array(table.groups.length);
  let eligible = 0;
  for (let row = 0; row < table.rows; row++) {
    const clip = table.look(row);
    let failed = 0;
    while (failed < filters.length && (filters[failed] as ClipFilter).keep(clip)) failed++;
    if (failed === filters.length) {
      passed[row] = 1;
      const group = table.groupOf[row] as number;
      counts[group] = (counts[group] as number) + 1;
      eligible++;
    } else removed[failed] = (removed[failed] as number) + 1;
  }
  let remaining = table.rows;
  const stages = filters.map((filter, i) => {
    remaining -= removed[i] as number;
    return { name: filter.name, remaining };
  });
  const grouped = groupStrata(table, passed, counts, keysFor(table, request.seed));
  const strata = request.known === undefined ? grouped : withKnown(grouped, request.known);
  const sized = applyStrategy(strata, request.size);
  const { warnings, short } = sized;
  const quotas =
    request.spare === undefined
      ? sized.quotas
      : withSpares(
          sized.quotas,
          strata.map(s => s.keys.length),
          request.spare,
        );
  const selection = strata.map((s, i): Stratum => {
    const quota = quotas[i] as number;
    const clips = new Array<Clip>(quota);
    for (let at = 0; at < quota; at++) clips[at] = table.clipAt(s.rows[at] as number);
    const known = 'known' in s ? { known: s.known } : {};
    return { split: s.split, label: s.label, ...known, clips, keys: s.keys.subarray(0, quota) };
  });
  return {
    rows: orderRows(selection, request.shuffle, request.seed),
    selection,
    eligible,
    strata: strata.map((s, i) => ({
      split: s.split,
      label: s.label,
      eligible: s.keys.length,
      selected: quotas[i] ?? 0,
    })),
    stages,
    warnings,
    short,
    spares: quotas.reduce((n, q, i) => n + q - (sized.quotas[i] as number), 0),
  };
}

/**
 * Gives each stratum its known size, and adds the known classes no usable file is left in: they take their
 * share of a stratified count and report a shortfall, as they would with every file there.
 */
function withKnown(strata: readonly RowStratum[], known: readonly KnownClass[]): RowStratum[] {
  const key = (split: string | null, label: string | null): string => `${split === null ? '' : `+${split}`}\0${label}`;
  const counts = new Map(known.map(k => [key(k.split, k.label), k]));
  const out = strata.map(s => ({ ...s, known: counts.get(key(s.split, s.label))?.count }));
  const present = new Set(strata.map(s => key(s.split, s.label)));
  for (const k of known)
    if (k.count > 0 && !present.has(key(k.split, k.label)))
      out.push({
        split: k.split,
        label: k.label,
        rows: new Uint32Array(0),
        keys: new Float64Array(0),
        idAt: () => '',
        known: k.count,
      });
  return out.sort((a, b) => compareNullable(a.split, b.split) || compareNullable(a.label, b.label));
}

/**
 * The rows that passed, by (split, label) in that order, each in selection order by `keys`. A group is one
 * (split, label) already, so rows are dealt to their group by a count, not looked up clip by clip; groups
 * that share a split and label (two folders of one class) become one stratum.
 */
function groupStrata(table: ClipRows, passed: Uint8Array, counts: Uint32Array, keys: Float64Array): RowStratum[] {
  const starts = new Uint32Array(counts.length + 1);
  for (let g = 0; g < counts.length; g++) starts[g + 1] = (starts[g] as number) + (counts[g] as number);
  const dealt = new Uint32Array(starts[counts.length] as number);
  const next = starts.slice(0, counts.length);
  for (let row = 0; row < table.rows; row++) {
    if (passed[row] === 0) continue;
    const group = table.groupOf[row] as number;
    dealt[next[group] as number] = row;
    next[group] = (next[group] as number) + 1;
  }
  const bySplit = new Map<string | null, Map<string | null, number[]>>();
  table.groups.forEach((group, g) => {
    if (counts[g] === 0) return;
    entryOf(
      entryOf(bySplit, group.split, () => new Map()),
      group.label,
      () => [],
    ).push(g);
  });
  const idOf = (row: number): string => table.clipId(row);
  const strata: RowStratum[] = [];
  for (const split of [...bySplit.keys()].sort(compareNullable)) {
    const byLabel = bySplit.get(split) as Map<string | null, number[]>;
    for (const label of [...byLabel.keys()].sort(compareNullable)) {
      const groups = byLabel.get(label) as number[];
      const rowsOf = (g: number): Uint32Array => dealt.subarray(starts[g], starts[g + 1]);
      let rows = rowsOf(groups[0] as number);
      if (groups.length > 1) {
        rows = new Uint32Array(groups.reduce((n, g) => n + (counts[g] as number), 0));
        let at = 0;
        for (const g of groups) {
          rows.set(rowsOf(g), at);
          at += counts[g] as number;
        }
      }
      const ordered = inSelectionOrder(rows, keys, idOf);
      strata.push({ split, label, ...ordered, idAt: i => idOf(ordered.rows[i] as number) });
    }
  }
  return strata;
}

/**
 * Manifest row order: split, label, clip id (strata already come in split, label order), or with `shuffle` a
 * seeded training order of the same rows. A part of `--splits` writes its part name as the split, so its
 * rows (`asOneSplit`) are ordered by label and clip id, whatever split folder they came from.
 */
export function orderRows(selection: readonly Stratum[], shuffle: boolean, seed: string, asOneSplit = false): Clip[] {
  const rows = asOneSplit ? byLabelAndId(selection) : selection.flatMap(stratum => byClipId(stratum.clips));
  if (shuffle) shuffleInPlace(rows, seed);
  return rows;
}

function byClipId(clips: readonly Clip[]): Clip[] {
  return clips
    .map(clip => ({ id: clip.clipId, clip }))
    .sort((a, b) => compareCodePoints(a.id, b.id) || compareCodePoints(a.clip.path, b.clip.path))
    .map(entry => entry.clip);
}

function byLabelAndId(selection: readonly Stratum[]): Clip[] {
  return selection
    .flatMap(stratum => stratum.clips.map(clip => ({ id: clip.clipId, clip })))
    .sort(
      (a, b) =>
        compareNullable(a.clip.label, b.clip.label) ||
        compareCodePoints(a.id, b.id) ||
        compareCodePoints(a.clip.path, b.clip.path),
    )
    .map(entry => entry.clip);
}

/** Fisher-Yates driven by a seedrandom stream seeded with the slice's seed. */
export function shuffleInPlace<T>(items: T[], seed: string): void {
  const random = seedrandom(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
