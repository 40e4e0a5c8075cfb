import type { ManifestColumn } from '../../manifest/columns.js';
import type { Manifest, ManifestClip } from '../../manifest/schema.js';

export interface RenderOptions {
  /** Field separator of `path label` list formats (--separator); default a space. */
  readonly separator?: string | undefined;
}

/** What a manifest holds besides its rows. */
export type ManifestHead = Omit<Manifest, 'clips'>;

/**
 * The text of one manifest, made a block of rows at a time: a manifest of all of Kinetics-700 has 650,000
 * rows, which need never sit in memory as objects and as lines at once. Call `head`, then `rows` for each
 * block in order, then `end`.
 */
export interface ManifestText {
  head(): string;
  rows(clips: readonly ManifestClip[]): string;
  /** Throws a DatasetError naming the rows, of the whole manifest, that this format cannot hold. */
  end(): string;
}

/** A manifest format: one file here and one line in the registry (index.ts). */
export interface ManifestWriter {
  readonly name: string;
  /** Output extensions that select this format when --format is not given. */
  readonly extensions: readonly string[];
  /** Formats with no room for the provenance get it in a `<output>.meta.json` sidecar. */
  readonly sidecar: boolean;
  /** `--separator` applies: a `path<separator>label` list whose reader takes the separator as an argument. */
  readonly separator: boolean;
  /** Why `--separator` does not apply, where a user may expect it to (said with the error). */
  readonly noSeparator?: string;
  /** One line for --help. */
  readonly summary: string;
  open(head: ManifestHead, options?: RenderOptions): ManifestText;
  /**
   * The line `rows` writes for a row of the manifest `head` heads, as a DuckDB SQL expression over the text of
   * the eight fixed cells (NULL for an empty one), and NULL where `rows` must render the row itself; undefined
   * where the manifest's lines hold more than those cells (probe columns). DuckDB then makes the lines of a
   * selection (`--engine duckdb`); `rows` must keep no state across rows, and `end` must not depend on them.
   * Absent: every row is rendered by `rows`. Never asked with `--separator`.
   */
  readonly sqlLine?: (head: ManifestHead) => ((cells: Readonly<Record<ManifestColumn, string>>) => string) | undefined;
}
