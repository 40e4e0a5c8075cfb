import type { Clip } from '../clip.js';
import type { ProbeInfo } from '../probe/reader.js';
import type { ClipRows } from '../select/clip-rows.js';
import { clipIdOf, kineticsFields } from './clip-name.js';
import { ContentFingerprint } from './fingerprint.js';
import type { FolderListing, Probed } from './folder-scan.js';
import { joinedNames } from './joined-names.js';

// File names a listing was made with already joined by NUL (see withJoinedNames): the table keeps that string.
const joinedAlready = new WeakMap<FolderListing, string>();

/** Hands the clip table a listing's file names joined by NUL, so that `files` need not be kept or joined. */
export function withJoinedNames<T extends FolderListing>(listing: T, names: string): T {
  joinedAlready.set(listing, names);
  return listing;
}

/** A class folder of a walk: where its clips are, and the split and label they take from it. */
export interface TableFolder {
  /** Relative to the dataset root (`train/abseiling`). */
  readonly path: string;
  readonly split: string | null;
  /** The folder's name in NFC: the label, and where non-Kinetics clip ids start. */
  readonly label: string;
}

/**
 * The clips a walk found, as columns: sizes and selection keys in typed arrays, the file names in one string
 * a folder, and a folder index a row in place of the folder's path, split and label. A clip is a row
 * number; selection reads the columns, and `TableClip` is the `Clip` view of a row it selects. Keys are
 * hashed once, on the scan threads, for `keySeed`, and the fingerprint summed there.
 */
export class ClipTable implements ClipRows {
  readonly rows: number;
  /** The folder (index into `folders`) of each row. */
  readonly folderOf: Uint32Array;
  /** The walk's fingerprint sums, from its listings. */
  readonly fingerprint = new ContentFingerprint();
  /** A walk may find one clip id twice (a `replacement/` copy): the source drops duplicates. */
  readonly unique = false;
  // The one view `look` moves from row to row.
  private readonly cursor: TableClip;
  readonly sizes: Float64Array;
  readonly keys: Float64Array;
  /** With probing: each row's probe; null when the walk did not probe. */
  readonly probes: (Probed | null)[] | null;
  // Each folder's file names joined by NUL, the row its first clip takes, and where each row's name ends in
  // its folder's string: one string a folder rather than one a clip.
  private readonly names: readonly string[];
  private readonly firstRow: Uint32Array;
  private readonly nameEnd: Uint32Array;

  /**
   * `columns`: the listings' sizes and keys already laid out one folder after another (the listings' own
   * arrays being views of them), which the table then takes as they are rather than copying.
   */
  constructor(
    readonly folders: readonly TableFolder[],
    listings: readonly FolderListing[],
    readonly keySeed: string | null,
    columns?: { readonly sizes: Float64Array; readonly keys: Float64Array },
  ) {
    this.rows = listings.reduce((n, listing) => n + listing.sizes.length, 0);
    if (columns !== undefined && (columns.sizes.length !== this.rows || columns.keys.length !== this.rows))
      throw new Error(`ClipTable: columns of ${columns.sizes.length} rows for listings of ${this.rows}`);
    this.folderOf = new Uint32Array(this.rows);
    this.sizes = columns?.sizes ?? new Float64Array(this.rows);
    this.keys = columns?.keys ?? new Float64Array(this.rows);
    this.firstRow = new Uint32Array(listings.length);
    this.nameEnd = new Uint32Array(this.rows);
    this.names = listings.map(listing => joinedAlready.get(listing) ?? joinedNames(listing));
    const probed = listings.some(listing => listing.probes !== null);
    this.probes = probed ? new Array<Probed | null>(this.rows).fill(null) : null;
    this.cursor = new TableClip(this, 0);
    let row = 0;
    listings.forEach((listing, f) => {
      this.fingerprint.merge(listing.fingerprint);
      const n = listing.sizes.length;
      const names = this.names[f] as string;
      for (let i = 0, end = -1; i < n; i++) {
        end = names.indexOf('\0', end + 1);
        this.nameEnd[row + i] = end < 0 ? names.length : end;
      }
      this.firstRow[f] = row;
      this.folderOf.fill(f, row, row + n);
      if (columns === undefined) {
        this.sizes.set(listing.sizes, row);
        this.keys.set(listing.keys, row);
      }
      if (this.probes !== null && listing.probes !== null)
        for (let i = 0; i < n; i++) this.probes[row + i] = listing.probes[i] ?? null;
      row += n;
    });
  }

  /** The path of a row's file below its class folder. */
  fileOf(row: number): string {
    const f = this.folderOf[row] as number;
    const start = row === this.firstRow[f] ? 0 : (this.nameEnd[row - 1] as number) + 1;
    return (this.names[f] as string).slice(start, this.nameEnd[row]);
  }

  folderOfRow(row: number): TableFolder {
    return this.folders[this.folderOf[row] as number] as TableFolder;
  }

  get groups(): readonly TableFolder[] {
    return this.folders;
  }
  get groupOf(): Uint32Array {
    return this.folderOf;
  }
  clipId(row: number): string {
    return clipIdOf(this.fileOf(row), this.folderOfRow(row).label);
  }
  clipAt(row: number): TableClip {
    return new TableClip(this, row);
  }
  look(row: number): TableClip {
    this.cursor.row = row;
    return this.cursor;
  }

  /** One view a row, in row order. */
  clips(): TableClip[] {
    const clips = new Array<TableClip>(this.rows);
    for (let row = 0; row < this.rows; row++) clips[row] = new TableClip(this, row);
    return clips;
  }
}

/**
 * One row of a ClipTable seen as a Clip. It holds only the table and its row: the path, the clip id and the
 * Kinetics fields are worked out when asked for, which for most clips of a source is never. The table's
 * `look` moves one view from row to row.
 */
export class TableClip implements Clip {
  // The clip id and Kinetics fields of `known`, the row last asked: a manifest row asks each four times. Only
  // the last row's are kept (writing an index asks every clip once, and keeping every answer held 50 MB for
  // 650,000 clips), and a row moved by `look` asks again.
  private known = -1;
  private id = '';
  private kinetics: ReturnType<typeof kineticsFields> | undefined;

  constructor(
    readonly table: ClipTable,
    public row: number,
  ) {}

  get path(): string {
    return `${this.table.folderOfRow(this.row).path}/${this.table.fileOf(this.row)}`;
  }
  get label(): string {
    return this.table.folderOfRow(this.row).label;
  }
  get split(): string | null {
    return this.table.folderOfRow(this.row).split;
  }
  get clipId(): string {
    if (this.known !== this.row) {
      this.id = clipIdOf(this.table.fileOf(this.row), this.label);
      this.kinetics = undefined;
      this.known = this.row;
    }
    return this.id;
  }
  get sizeBytes(): number {
    return this.table.sizes[this.row] as number;
  }
  /** The selection key for the table's seed. */
  keyFor(seed: string): number | undefined {
    return seed === this.table.keySeed ? this.table.keys[this.row] : undefined;
  }
  get youtubeId(): string | null {
    return this.fields().youtubeId;
  }
  get timeStart(): number | null {
    return this.fields().timeStart;
  }
  get timeEnd(): number | null {
    return this.fields().timeEnd;
  }
  private fields(): ReturnType<typeof kineticsFields> {
    const id = this.clipId;
    this.kinetics ??= kineticsFields(id);
    return this.kinetics;
  }
  get probe(): ProbeInfo | null {
    return this.table.probes?.[this.row]?.probe ?? null;
  }
  get mtimeMs(): number | null {
    return this.table.probes?.[this.row]?.mtimeMs ?? null;
  }
}
