import { statSync } from 'node:fs';
import { compareCodePoints, compareNullable } from '../clip.js';
import { DatasetError, UsageError } from '../errors.js';
import { listingFormatsOf } from '../listing/detect-listing.js';
import { looksLikeParquet, type ReadManifest, readManifest } from '../manifest/read.js';
import { entryOf } from '../map-entry.js';
import { isIndexFile } from '../source/index-file.js';
import { type LoadOptions, loadSource } from '../source/load.js';
import type { Source } from '../source/source.js';

/** One class of a stats table. Missing and zero-byte are null where the input cannot know them. */
export interface ClassStats {
  readonly label: string | null;
  readonly clips: number;
  /** Clips per split, when the input has splits. */
  readonly splits: Record<string, number>;
  readonly missing: number | null;
  readonly zero_byte: number | null;
}

export interface Stats {
  readonly input: string;
  readonly kind: 'root' | 'index' | 'manifest';
  readonly totals: Omit<ClassStats, 'label'> & { readonly classes: number };
  readonly classes: ClassStats[];
}

/** True for a listing no manifest could be mistaken for: aws s3 ls or gcloud text, an inventory. */
function isBucketListing(input: string): boolean {
  return listingFormatsOf(input, input).some(format => format !== 'paths-csv' && format !== 'paths-parquet');
}

/** Per-class counts of a dataset root, an index (JSONL or Parquet), a bucket listing or a manifest. */
export async function computeStats(input: string, options: LoadOptions): Promise<Stats> {
  const stats = statSync(input, { throwIfNoEntry: false });
  if (stats === undefined)
    throw new DatasetError(`'${input}' does not exist`, 'give a dataset root, an index or a manifest');
  // A Parquet file is only ever an index or a listing: a loader reads it (with DuckDB) or says why it cannot.
  // A forced layout reads the input as a dataset: --layout index on a manifest says why it is not one.
  // A bucket listing is a source too; a path,size CSV could be a manifest, so it needs --layout or --prefix.
  const listing = options.prefix !== undefined || (stats.isFile() && isBucketListing(input));
  const dataset = isIndexFile(input) || looksLikeParquet(input) || options.layout !== undefined || listing;
  if (stats.isFile() && !dataset) return manifestStats(input, options.split);
  return sourceStats(input, await loadSource(input, options), stats.isFile() ? 'index' : 'root');
}

function sourceStats(input: string, source: Source, kind: 'root' | 'index'): Stats {
  const { tally } = source.report;
  const rows = new Map<string | null, { clips: number; splits: Record<string, number> }>();
  for (const label of source.classes) rows.set(label, { clips: 0, splits: {} });
  // An empty file is never selected: it is counted as zero-byte, not as a clip.
  for (const clip of source.clips) if (clip.sizeBytes !== 0) addClip(rows, clip.label, clip.split);
  const annotated = source.annotations.length > 0;
  // The tally counts clips without a label (a test CSV has none) in its totals only: the `(no label)` row
  // gets what no class has, so the rows add up to the totals.
  const unlabelled = (key: 'missing' | 'zero_byte'): number =>
    tally.totals[key] - [...tally.classes.values()].reduce((n, counts) => n + counts[key], 0);
  if (!rows.has(null) && ((annotated && unlabelled('missing') > 0) || unlabelled('zero_byte') > 0))
    rows.set(null, { clips: 0, splits: {} });
  const countOf = (label: string | null, key: 'missing' | 'zero_byte'): number =>
    label === null ? unlabelled(key) : (tally.classes.get(label)?.[key] ?? 0);
  const classes = [...rows]
    .sort(([a], [b]) => compareNullable(a, b))
    .map(([label, row]) => ({
      label,
      clips: row.clips,
      splits: row.splits,
      missing: annotated ? countOf(label, 'missing') : null,
      zero_byte: countOf(label, 'zero_byte'),
    }));
  return {
    input,
    kind,
    totals: totalsOf(classes, annotated ? tally.totals.missing : null, tally.totals.zero_byte),
    classes,
  };
}

/** The rows of a manifest in the splits asked for; a split it does not hold is an error, as for a root. */
function rowsOf(input: string, split: string | readonly string[] | undefined): ReadManifest['clips'] {
  const clips = readManifest(input).clips;
  if (split === undefined) return clips;
  const wanted = typeof split === 'string' ? [split] : split;
  const held = [...new Set(clips.flatMap(clip => (clip.split === null ? [] : [clip.split])))].sort(compareCodePoints);
  for (const name of wanted)
    if (!held.includes(name))
      throw new UsageError(
        `--split ${name}: no such split in the manifest ${input}`,
        held.length === 0 ? 'drop --split: its rows have no split' : `its splits are: ${held.join(', ')}`,
      );
  return clips.filter(clip => clip.split !== null && wanted.includes(clip.split));
}

function manifestStats(input: string, split: string | readonly string[] | undefined): Stats {
  const manifest = { clips: rowsOf(input, split) };
  // A manifest's label space may list classes it has no clip of (see `classes`): only its rows count here.
  const rows = new Map<string | null, { clips: number; splits: Record<string, number>; zero: number }>();
  const sized = manifest.clips.every(clip => clip.size_bytes !== null);
  for (const clip of manifest.clips) {
    if (!rows.has(clip.label)) rows.set(clip.label, { clips: 0, splits: {}, zero: 0 });
    addClip(rows, clip.label, clip.split);
    if (clip.size_bytes === 0) (rows.get(clip.label) as { zero: number }).zero += 1;
  }
  const classes = [...rows]
    .sort(([a], [b]) => compareNullable(a, b))
    .map(([label, row]) => ({
      label,
      clips: row.clips,
      splits: row.splits,
      missing: null,
      zero_byte: sized ? row.zero : null,
    }));
  const zero = sized ? classes.reduce((n, c) => n + (c.zero_byte ?? 0), 0) : null;
  return { input, kind: 'manifest', totals: totalsOf(classes, null, zero), classes };
}

function addClip(
  rows: Map<string | null, { clips: number; splits: Record<string, number> }>,
  label: string | null,
  split: string | null,
): void {
  const row = entryOf(rows, label, (): { clips: number; splits: Record<string, number> } => ({ clips: 0, splits: {} }));
  row.clips += 1;
  if (split !== null) row.splits[split] = (row.splits[split] ?? 0) + 1;
}

function totalsOf(classes: readonly ClassStats[], missing: number | null, zeroByte: number | null): Stats['totals'] {
  const splits: Record<string, number> = {};
  for (const row of classes)
    for (const [split, n] of Object.entries(row.splits)) splits[split] = (splits[split] ?? 0) + n;
  const sorted = Object.fromEntries(Object.entries(splits).sort(([a], [b]) => compareCodePoints(a, b)));
  return {
    clips: classes.reduce((n, c) => n + c.clips, 0),
    classes: classes.filter(c => c.label !== null).length,
    splits: sorted,
    missing,
    zero_byte: zeroByte,
  };
}
