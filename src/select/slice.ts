import seedrandom from 'seedrandom';
import { type Clip, compareCodePoints, compareNullable } from '../clip.js';
import { entryOf } from '../map-entry.js';
import { clipKey } from './clip-key.js';
import { inSelectionOrder, type Stratum } from './keyed.js';
import { type Spare, withSpares } from './spare.js';
import { applyStrategy, type ShortClass, type SizeSpec } from './strategies/index.js';

/** A filter in the slice pipeline; its name is what the user typed, so an empty result can name it. */
export interface ClipFilter {
  readonly name: string;
  keep(clip: Clip): boolean;
}

export interface SliceRequest {
  readonly seed: string;
  /** Where keys come from when the scan already hashed them (Source.keyOf); default: hash each clip. */
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

/**
 * Filters, then sizes, then orders. Pure: the result depends only on the set of clips and the request,
 * not on their order in `clips`.
 */
export function sliceClips(clips: readonly Clip[], request: SliceRequest): SliceResult {
  const filters = [NON_EMPTY, NOT_CORRUPT, ...request.filters];
  // One pass; each filter counts what it removed, so an empty result can name the filter responsible.
  const removed = filters.map(() => 0);
  // Most slices filter nothing out: `clips` itself then serves as the eligible list, and a second list of
  // 650,000 is made only from the first clip a filter removes.
  let eligible: readonly Clip[] = clips;
  let kept: Clip[] | undefined;
  // A plain loop, not findIndex with a closure a clip: 650,000 closures are garbage the young heap grows for.
  for (let i = 0; i < clips.length; i++) {
    const clip = clips[i] as Clip;
    let failed = 0;
    while (failed < filters.length && (filters[failed] as ClipFilter).keep(clip)) failed++;
    if (failed === filters.length) {
      kept?.push(clip);
      continue;
    }
    removed[failed] = (removed[failed] as number) + 1;
    kept ??= clips.slice(0, i);
    eligible = kept;
  }
  let remaining = clips.length;
  const stages = filters.map((filter, i) => {
    remaining -= removed[i] as number;
    return { name: filter.name, remaining };
  });
  const grouped = groupStrata(eligible, request.keyOf ?? (clip => clipKey(request.seed, clip.clipId)));
  const strata = request.known === undefined ? grouped : withKnown(grouped, request.known);
  const sized = applyStrategy(strata, request.size);
  const { warnings, short } = sized;
  const quotas =
    request.spare === undefined
      ? sized.quotas
      : withSpares(
          sized.quotas,
          strata.map(s => s.clips.length),
          request.spare,
        );
  const selection = strata.map((s, i) => ({
    ...s,
    clips: s.clips.slice(0, quotas[i]),
    keys: s.keys.subarray(0, quotas[i]),
  }));
  return {
    rows: orderRows(selection, request.shuffle, request.seed),
    selection,
    eligible: eligible.length,
    strata: strata.map((s, i) => ({
      split: s.split,
      label: s.label,
      eligible: s.clips.length,
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
function withKnown(strata: readonly Stratum[], known: readonly KnownClass[]): Stratum[] {
  const key = (split: string | null, label: string | null): string => `${split === null ? '' : `+${split}`}\0${label}`;
  const counts = new Map(known.map(k => [key(k.split, k.label), k]));
  const out = strata.map(s => ({ ...s, known: counts.get(key(s.split, s.label))?.count }));
  const present = new Set(strata.map(s => key(s.split, s.label)));
  for (const k of known)
    if (k.count > 0 && !present.has(key(k.split, k.label)))
      out.push({ split: k.split, label: k.label, clips: [], keys: new Float64Array(0), known: k.count });
  return out.sort((a, b) => compareNullable(a.split, b.split) || compareNullable(a.label, b.label));
}

/** Groups clips by (split, label), in that order, each group in selection order by `keyOf`. */
export function groupStrata(clips: readonly Clip[], keyOf: (clip: Clip) => number): Stratum[] {
  const groups = new Map<string | null, Map<string | null, Clip[]>>();
  let last: { split: string | null; label: string | null; list: Clip[] } | undefined;
  for (const clip of clips) {
    // Clips of one class usually arrive together: skip the lookups while the class does not change.
    if (last === undefined || last.split !== clip.split || last.label !== clip.label) {
      const bySplit = entryOf(groups, clip.split, () => new Map());
      const list = entryOf(bySplit, clip.label, () => []);
      last = { split: clip.split, label: clip.label, list };
    }
    last.list.push(clip);
  }
  const strata: Stratum[] = [];
  for (const split of [...groups.keys()].sort(compareNullable)) {
    const bySplit = groups.get(split) as Map<string | null, Clip[]>;
    for (const label of [...bySplit.keys()].sort(compareNullable)) {
      // The list is this function's own: inSelectionOrder may keep it rather than copy it.
      strata.push({ split, label, ...inSelectionOrder(bySplit.get(label) as Clip[], keyOf) });
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
