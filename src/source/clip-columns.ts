import type { Clip } from '../clip.js';
import type { ProbeInfo } from '../probe/reader.js';
import { kineticsFields } from '../scan/clip-name.js';
import type { ContentFingerprint } from '../scan/fingerprint.js';
import type { Probed } from '../scan/folder-scan.js';
import { clipKey } from '../select/clip-key.js';
import type { ClipRows, RowGroup } from '../select/clip-rows.js';
import { Interned, StringColumn } from './string-column.js';

/** One row of an index as read (a JSONL line, a Parquet row), before it goes into the table's columns. */
export interface IndexRow {
  readonly path: string;
  readonly label: string | null;
  readonly clipId: string;
  readonly split: string | null;
  readonly sizeBytes: number | null;
  readonly youtubeId: string | null;
  readonly timeStart: number | null;
  readonly timeEnd: number | null;
  readonly probed: Probed | null;
}

type Kinetics = Pick<Clip, 'youtubeId' | 'timeStart' | 'timeEnd'>;

/**
 * Clips as columns, filled a row at a time by the loaders that read rows rather than walk folders: an index
 * (JSONL or Parquet), the join of files to annotation rows, annotation rows alone. Each (split, label) is one
 * group, sizes and keys are typed arrays, clip ids are one string a few thousand rows, and a path is kept as
 * its folder (one string a folder) and extension around the clip id, as `scan` writes them. Keys are hashed
 * once, by `finish`, for the seed that will select.
 */
export class ClipColumns implements ClipRows {
  rows = 0;
  readonly groups: RowGroup[] = [];
  groupOf = new Uint32Array(1024);
  keys = new Float64Array(0);
  /**
   * One row per (split, clip id): an index dropped duplicates when it was made, and a join keeps one file a
   * clip id.
   */
  readonly unique = true;
  private sizes = new Float64Array(1024);
  private readonly ids = new StringColumn();
  // A path is prefixes[prefixOf[row]] + clip id + suffixes[suffixOf[row]]; one that is not is kept whole.
  private prefixOf = new Uint32Array(1024);
  private suffixOf = new Uint32Array(1024);
  private readonly prefixes = new Interned<string>();
  private readonly suffixes = new Interned<string>();
  private readonly otherPaths = new Map<number, string>();
  // The rows whose Kinetics fields are not the ones the clip id gives, and the probes, when any row has one.
  private readonly otherKinetics = new Map<number, Kinetics>();
  private probes: (Probed | null)[] | null = null;
  private readonly groupIndex = new Map<string | null, Map<string | null, number>>();
  private lastGroup: { split: string | null; label: string | null; group: number } | undefined;
  private readonly cursor = new IndexRowClip(this, 0);

  constructor(
    readonly keySeed: string,
    /** The digest an index's header records, or the sums a loader makes as it adds rows (see ClipRows). */
    readonly fingerprint: ContentFingerprint | string | undefined,
  ) {}

  add(clip: IndexRow): void {
    const row = this.rows++;
    if (row === this.groupOf.length) this.grow();
    this.groupOf[row] = this.groupFor(clip.split, clip.label);
    this.sizes[row] = clip.sizeBytes ?? Number.NaN;
    this.ids.push(clip.clipId);
    const at = clip.path.lastIndexOf(clip.clipId);
    const suffix = at < 0 ? '/' : clip.path.slice(at + clip.clipId.length);
    if (at >= 0 && !suffix.includes('/')) {
      this.prefixOf[row] = this.prefixes.of(clip.path.slice(0, at));
      this.suffixOf[row] = this.suffixes.of(suffix);
    } else this.otherPaths.set(row, clip.path);
    const derived = kineticsFields(clip.clipId);
    if (
      derived.youtubeId !== clip.youtubeId ||
      derived.timeStart !== clip.timeStart ||
      derived.timeEnd !== clip.timeEnd
    )
      this.otherKinetics.set(row, { youtubeId: clip.youtubeId, timeStart: clip.timeStart, timeEnd: clip.timeEnd });
    if (clip.probed !== null && this.probes === null) this.probes = new Array<Probed | null>(row).fill(null);
    this.probes?.push(clip.probed);
  }

  /** Hashes every row's key, once, when the last row is in; the columns are cut to their length. */
  finish(): this {
    this.groupOf = this.groupOf.slice(0, this.rows);
    this.sizes = this.sizes.slice(0, this.rows);
    this.prefixOf = this.prefixOf.slice(0, this.rows);
    this.suffixOf = this.suffixOf.slice(0, this.rows);
    this.ids.seal();
    this.keys = new Float64Array(this.rows);
    for (let row = 0; row < this.rows; row++) this.keys[row] = clipKey(this.keySeed, this.ids.get(row));
    return this;
  }

  clipId(row: number): string {
    return this.ids.get(row);
  }
  pathOf(row: number): string {
    const other = this.otherPaths.get(row);
    if (other !== undefined) return other;
    return (
      this.prefixes.at(this.prefixOf[row] as number) +
      this.ids.get(row) +
      this.suffixes.at(this.suffixOf[row] as number)
    );
  }
  groupOfRow(row: number): RowGroup {
    return this.groups[this.groupOf[row] as number] as RowGroup;
  }
  sizeOf(row: number): number | null {
    const size = this.sizes[row] as number;
    return Number.isNaN(size) ? null : size;
  }
  kineticsOf(row: number): Kinetics | undefined {
    return this.otherKinetics.get(row);
  }
  probedOf(row: number): Probed | null {
    return this.probes?.[row] ?? null;
  }
  clipAt(row: number): Clip {
    return new IndexRowClip(this, row);
  }
  look(row: number): Clip {
    this.cursor.row = row;
    return this.cursor;
  }

  private groupFor(split: string | null, label: string | null): number {
    const last = this.lastGroup;
    if (last !== undefined && last.split === split && last.label === label) return last.group;
    let byLabel = this.groupIndex.get(split);
    if (byLabel === undefined) {
      byLabel = new Map();
      this.groupIndex.set(split, byLabel);
    }
    let group = byLabel.get(label);
    if (group === undefined) {
      group = this.groups.length;
      this.groups.push({ split, label });
      byLabel.set(label, group);
    }
    this.lastGroup = { split, label, group };
    return group;
  }

  private grow(): void {
    const grown = <T extends Uint32Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const bigger = make(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.groupOf = grown(this.groupOf, n => new Uint32Array(n));
    this.prefixOf = grown(this.prefixOf, n => new Uint32Array(n));
    this.suffixOf = grown(this.suffixOf, n => new Uint32Array(n));
    this.sizes = grown(this.sizes, n => new Float64Array(n));
  }
}

/** A row of an ClipColumns seen as a Clip: the path and Kinetics fields are worked out when asked. */
class IndexRowClip implements Clip {
  constructor(
    private readonly table: ClipColumns,
    public row: number,
  ) {}

  get path(): string {
    return this.table.pathOf(this.row);
  }
  get label(): string | null {
    return this.table.groupOfRow(this.row).label;
  }
  get split(): string | null {
    return this.table.groupOfRow(this.row).split;
  }
  get clipId(): string {
    return this.table.clipId(this.row);
  }
  get sizeBytes(): number | null {
    return this.table.sizeOf(this.row);
  }
  get youtubeId(): string | null {
    return this.kinetics().youtubeId;
  }
  get timeStart(): number | null {
    return this.kinetics().timeStart;
  }
  get timeEnd(): number | null {
    return this.kinetics().timeEnd;
  }
  private kinetics(): Kinetics {
    return this.table.kineticsOf(this.row) ?? kineticsFields(this.clipId);
  }
  get probe(): ProbeInfo | null {
    return this.table.probedOf(this.row)?.probe ?? null;
  }
  get mtimeMs(): number | null {
    return this.table.probedOf(this.row)?.mtimeMs ?? null;
  }
}
