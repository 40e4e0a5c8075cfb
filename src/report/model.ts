import type { Provenance } from '../manifest/schema.js';
import type { Histogram } from './histogram.js';

/** What the reconciliation found for one class: clips it lost before any filter ran. */
export interface ClassLoss {
  readonly missing: number;
  readonly zero_byte: number;
  readonly corrupt: number;
  readonly unannotated: number;
  /** The lost clips over everything the class should have had (annotated rows, else files). */
  readonly share: number;
}

/** One class of a report: the bar, its parts or shards, and the losses behind it. */
export interface ClassRow {
  /** The class as found; `(no label)` for clips without one. */
  readonly label: string;
  readonly selected: number;
  readonly eligible: number;
  /** Selected clips per piece, in the order of `ReportSection.pieces`; empty when the slice is one file. */
  readonly pieces: readonly number[];
  readonly loss: ClassLoss | null;
}

/** Counts of one split: what the card's table and the page's summary list. */
export interface SplitCounts {
  readonly split: string;
  readonly classes: number;
  readonly selected: number;
  readonly eligible: number;
}

/**
 * One slice (or one stats input) as data: the HTML page and the Markdown card are two renderers of it, so
 * nothing they show is computed twice or differently.
 */
export interface ReportSection {
  readonly name: string;
  /** What it is, in one sentence. */
  readonly sentence: string;
  /** Words for the two bars: `selected`/`eligible` for a slice, `clips` alone for stats. */
  readonly words: { readonly selected: string; readonly eligible: string | null };
  /** Parts of --splits and shards of --shards, as `train`, `shard 3`, `train, shard 3`. */
  readonly pieces: readonly string[];
  readonly outputs: readonly { readonly path: string; readonly piece: string | null; readonly rows: number }[];
  readonly classes: readonly ClassRow[];
  readonly splits: readonly SplitCounts[];
  readonly totals: { readonly selected: number; readonly eligible: number };
  readonly histograms: readonly Histogram[];
  /** Clips each filter removed, in the order they ran; empty for stats. */
  readonly dropped: readonly { readonly filter: string; readonly removed: number }[];
  /** The first manifest's provenance; null for stats. */
  readonly provenance: Provenance | null;
}

/** A class is highlighted when it lost more than this share of its clips (missing, empty, corrupt, unknown). */
export const LOSS_THRESHOLD = 0.05;
