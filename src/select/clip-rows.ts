import type { Clip } from '../clip.js';
import type { ContentFingerprint } from '../scan/fingerprint.js';
import { clipKey } from './clip-key.js';

/** What every row of a group shares: a walk's class folder, or an index's class in a split. */
export interface RowGroup {
  readonly split: string | null;
  readonly label: string | null;
}

/**
 * A source's clips as rows of columns: what every loader fills (a walk's ClipTable, an index's IndexTable, a
 * ClipList of clips already made) and what selection reads. A clip is a row number; selection reads the
 * columns and makes a Clip only of the rows it selects, and of those a filter looks at through `look`.
 */
export interface ClipRows {
  readonly rows: number;
  /** Rows that share a split and a label; several groups may share them (two folders of one class). */
  readonly groups: readonly RowGroup[];
  /** Each row's group, an index into `groups`. */
  readonly groupOf: Uint32Array;
  /**
   * The seed `keys` are for, hashed once when the rows were filled; null when they are only a hash of each
   * clip id (a walk made for `scan`), which finds repeats: `keysFor` then hashes a seed's keys when asked.
   */
  readonly keySeed: string | null;
  /** Each row's selection key for `keySeed` (see clip-key.ts). */
  readonly keys: Float64Array;
  /** True when the rows are known to be one per (split, clip id): an index dropped duplicates when made. */
  readonly unique: boolean;
  /**
   * What the loader knows of the fingerprint: sums made while filling (a walk), the digest an index records,
   * or undefined, and the source sums it over the rows.
   */
  readonly fingerprint: ContentFingerprint | string | undefined;
  /** A row's clip id: ties between equal keys, duplicates. */
  clipId(row: number): string;
  /** A row as a Clip of its own, for whoever keeps it (a selected row). */
  clipAt(row: number): Clip;
  /** A row as a Clip to look at, valid until the next call: one object reused for every row a filter reads. */
  look(row: number): Clip;
}

/** What a loader that fills no table of its own gives to a ClipList besides its clips. */
export interface ClipListFacts {
  readonly unique?: boolean | undefined;
  readonly fingerprint?: ContentFingerprint | string | undefined;
  /** Keys already hashed for `seed`, aligned with the clips. */
  readonly keys?: Float64Array | undefined;
}

/**
 * Clips already made (annotated rows, a test's clips) as rows: groups by (split, label) in the order they
 * first come, keys hashed here once for `seed`, or taken from `keyOf`.
 */
export class ClipList implements ClipRows {
  readonly rows: number;
  readonly groups: RowGroup[] = [];
  readonly groupOf: Uint32Array;
  readonly keys: Float64Array;
  readonly unique: boolean;
  readonly fingerprint: ContentFingerprint | string | undefined;

  constructor(
    private readonly clips: readonly Clip[],
    readonly keySeed: string,
    facts: ClipListFacts & { readonly keyOf?: ((clip: Clip) => number) | undefined } = {},
  ) {
    this.rows = clips.length;
    this.groupOf = new Uint32Array(clips.length);
    this.unique = facts.unique ?? false;
    this.fingerprint = facts.fingerprint;
    const keyOf = facts.keyOf ?? ((clip: Clip) => clipKey(keySeed, clip.clipId));
    this.keys = facts.keys ?? new Float64Array(clips.length);
    const bySplit = new Map<string | null, Map<string | null, number>>();
    let last: { split: string | null; label: string | null; group: number } | undefined;
    for (let row = 0; row < clips.length; row++) {
      const clip = clips[row] as Clip;
      if (facts.keys === undefined) this.keys[row] = keyOf(clip);
      // Clips of one class usually come together: skip the lookups while the class does not change.
      if (last === undefined || last.split !== clip.split || last.label !== clip.label) {
        let byLabel = bySplit.get(clip.split);
        if (byLabel === undefined) {
          byLabel = new Map();
          bySplit.set(clip.split, byLabel);
        }
        let group = byLabel.get(clip.label);
        if (group === undefined) {
          group = this.groups.length;
          this.groups.push({ split: clip.split, label: clip.label });
          byLabel.set(clip.label, group);
        }
        last = { split: clip.split, label: clip.label, group };
      }
      this.groupOf[row] = last.group;
    }
  }

  clipId(row: number): string {
    return (this.clips[row] as Clip).clipId;
  }
  clipAt(row: number): Clip {
    return this.clips[row] as Clip;
  }
  look(row: number): Clip {
    return this.clips[row] as Clip;
  }
}

/**
 * Some rows of another table, in the order given: what is left after duplicates are dropped, or of one split.
 * The numeric columns are copied; clips are made by the table underneath.
 */
export class RowSubset implements ClipRows {
  readonly rows: number;
  readonly groupOf: Uint32Array;
  readonly keys: Float64Array;
  readonly unique = true;
  readonly fingerprint = undefined;

  constructor(
    private readonly base: ClipRows,
    private readonly picked: Uint32Array,
  ) {
    this.rows = picked.length;
    this.groupOf = new Uint32Array(picked.length);
    this.keys = new Float64Array(picked.length);
    for (let i = 0; i < picked.length; i++) {
      const row = picked[i] as number;
      this.groupOf[i] = base.groupOf[row] as number;
      this.keys[i] = base.keys[row] as number;
    }
  }

  get groups(): readonly RowGroup[] {
    return this.base.groups;
  }
  get keySeed(): string | null {
    return this.base.keySeed;
  }
  clipId(row: number): string {
    return this.base.clipId(this.picked[row] as number);
  }
  clipAt(row: number): Clip {
    return this.base.clipAt(this.picked[row] as number);
  }
  look(row: number): Clip {
    return this.base.look(this.picked[row] as number);
  }
}

/** Every row as a Clip of its own, in row order: for callers that want objects (the index writer, stats). */
export function clipsOf(table: ClipRows): Clip[] {
  const clips = new Array<Clip>(table.rows);
  for (let row = 0; row < table.rows; row++) clips[row] = table.clipAt(row);
  return clips;
}

/** The rows' keys for `seed`: the table's own when it was filled for that seed, else hashed now. */
export function keysFor(table: ClipRows, seed: string): Float64Array {
  if (seed === table.keySeed) return table.keys;
  const keys = new Float64Array(table.rows);
  for (let row = 0; row < table.rows; row++) keys[row] = clipKey(seed, table.clipId(row));
  return keys;
}
