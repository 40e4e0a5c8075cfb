import { dirname, resolve } from 'node:path';
import type { Clip } from '../clip.js';
import type { LineSpec } from '../engine/manifest-lines.js';
import { UsageError } from '../errors.js';
import type { LabelIndexing } from '../labels/label-index.js';
import type { ManifestClip } from '../manifest/schema.js';
import type { Stratum } from '../select/keyed.js';
import { dealShards, type PartWeight } from '../select/parts.js';
import { orderRows, type SliceResult } from '../select/slice.js';
import type { Source } from '../source/source.js';
import { contentText, type PlannedFile } from '../write/atomic.js';
import { classesOfStrata, manifestClasses, manifestClips, manifestPrefix } from '../write/build-manifest.js';
import { isStraightOutput } from '../write/output-target.js';
import { buildProvenance } from '../write/provenance.js';
import { SpooledContent } from '../write/spool.js';
import { type ManifestHead, renderInBlocks } from '../write/writers/index.js';
import type { ManifestText } from '../write/writers/types.js';
import type { PendingBlock, PendingRows, PlannedOutput, PreparedSlice } from './slice.js';

/** One manifest of a slice: a part of --splits, a shard of --shards, both, or the whole slice. */
export interface Piece {
  readonly part: string | null;
  readonly shard: number | null;
  readonly selection: Stratum[];
}

export function divide(
  selection: Stratum[],
  splits: readonly PartWeight[] | undefined,
  shards: number | undefined,
  divided: readonly Stratum[][],
): Piece[] {
  const parts =
    splits === undefined
      ? [{ part: null, selection }]
      : divided.map((s, i) => ({ part: (splits[i] as PartWeight).name, selection: s }));
  if (shards === undefined) return parts.map(p => ({ ...p, shard: null }));
  return parts.flatMap(p => dealShards(p.selection, shards).map((s, shard) => ({ part: p.part, shard, selection: s })));
}

/** `m/k400-{split}-{shard}.csv` -> `m/k400-val-03.csv`; shard numbers are padded to the width of the last. */
export function fillTemplate(template: string, part: string | null, shard: number | null, shards: number): string {
  let path = template;
  if (part !== null) path = path.replaceAll('{split}', part);
  if (shard !== null) path = path.replaceAll('{shard}', String(shard).padStart(String(shards - 1).length, '0'));
  return path;
}

export function assertDistinct(outputs: readonly PlannedOutput[]): void {
  const seen = new Set<string>();
  for (const output of outputs) {
    if (seen.has(output.path))
      throw new UsageError(
        `two manifests of this slice would both be written to '${output.path}'`,
        'put {split} and {shard} in -o',
      );
    seen.add(output.path);
  }
}

/** What renderPiece needs besides the piece: the slice, its labels and its provenance's options. */
export interface PieceContext {
  readonly prepared: PreparedSlice;
  readonly source: Source;
  readonly result: SliceResult;
  readonly labels: LabelIndexing;
  readonly spellLabel: ((label: string) => string) | undefined;
  readonly normalized: Record<string, unknown>;
  /** `--have`: clip ids already downloaded, which the plan leaves out. */
  readonly have: ReadonlySet<string> | null;
}

/** One piece rendered: its manifest (a file, or stdout) and sidecar, and what the summary says of it. */
export interface RenderedPiece {
  readonly output: PlannedOutput;
  readonly files: PlannedFile[];
  readonly stdout: string | null;
  /** Selected nothing: more parts or shards than clips. */
  readonly empty: boolean;
}

export function renderPiece(piece: Piece, context: PieceContext): RenderedPiece {
  const { prepared, source, result, labels, spellLabel, have } = context;
  const { options, writer } = prepared;
  // A slice written whole keeps the rows sliceClips already ordered.
  const selected =
    piece.selection === result.selection
      ? result.rows
      : orderRows(piece.selection, options.shuffle, options.seed, piece.part !== null);
  const rows = have === null ? selected : selected.filter(clip => !have.has(clip.clipId));
  const path = fillTemplate(options.output, piece.part, piece.shard, options.shards ?? 1);
  const perStratum = new Map(piece.selection.map(s => [`${s.split}\0${s.label}`, s.clips.length]));
  const counts = {
    ...result,
    rows,
    strata: result.strata.map(s => ({ ...s, selected: perStratum.get(`${s.split}\0${s.label}`) ?? 0 })),
  };
  const built = buildProvenance({
    seed: options.seed,
    options: context.normalized,
    source,
    result: counts,
    format: writer.name,
    part: piece.part,
    shard: piece.shard === null ? null : { index: piece.shard, of: options.shards ?? 1 },
    manifestDir: path === '-' ? resolve('.') : dirname(resolve(path)),
  });
  // A plan that leaves out what is on disk says how many it selected and how many were there already.
  const provenance =
    have === null
      ? built
      : { ...built, counts: { ...built.counts, planned: selected.length, present: selected.length - rows.length } };
  const head = { provenance, classes: manifestClasses(rows, labels, spellLabel) };
  const body = renderInBlocks(writer.open(head, { separator: options.separator }), rows, toManifestOf(context, piece));
  const classes = new Set(rows.map(row => row.label)).size;
  const output = { path, part: piece.part, shard: piece.shard, rows: rows.length, provenance, classes };
  const files: PlannedFile[] = path === '-' ? [] : [{ path, content: body }];
  files.push(...sidecarOf(prepared, path, head));
  return { output, files, stdout: path === '-' ? contentText(body) : null, empty: selected.length === 0 };
}

function toManifestOf(context: PieceContext, piece: Pick<Piece, 'part'>): (block: readonly Clip[]) => ManifestClip[] {
  const { prepared, source, labels, spellLabel } = context;
  const root = prepared.options.absolute ? source.root : null;
  return block => manifestClips(block, labels, root, spellLabel, piece.part);
}

/** No `.meta.json` beside a device: `-o /dev/null` would otherwise try to make `/dev/null.meta.json`. */
function sidecarOf(prepared: PreparedSlice, path: string, head: ManifestHead): PlannedFile[] {
  const { writer, options } = prepared;
  if (!writer.sidecar || !options.meta || path === '-' || isStraightOutput(path)) return [];
  return [{ path: `${path}.meta.json`, content: `${JSON.stringify(head, null, 2)}\n` }];
}

/**
 * The one manifest of a slice whose rows are still pending (`--engine duckdb` on a large index): its head and
 * summary from the strata's counts, its rows written into a spool as they arrive when `fill` runs. The bytes
 * are renderPiece's for the whole slice: the same writer, rows and order.
 */
export function renderStreamed(
  pending: PendingRows,
  context: PieceContext,
): { output: PlannedOutput; files: PlannedFile[]; fill: () => Promise<void> } {
  const { prepared, source, result, labels, spellLabel } = context;
  const { options, writer } = prepared;
  const path = options.output;
  const provenance = buildProvenance({
    seed: options.seed,
    options: context.normalized,
    source,
    result: { ...result, rows: { length: pending.count } },
    format: writer.name,
    manifestDir: dirname(resolve(path)),
  });
  const head = { provenance, classes: classesOfStrata(result.strata, labels, spellLabel) };
  const classes = new Set(result.strata.filter(s => s.selected > 0).map(s => s.label)).size;
  const output = { path, part: null, shard: null, rows: pending.count, provenance, classes };
  const spool = new SpooledContent();
  const toManifest = toManifestOf(context, { part: null });
  // DuckDB makes the lines where the writer says how (CSV), for the manifest it heads.
  const line = options.separator === undefined ? writer.sqlLine?.(head) : undefined;
  const lines: LineSpec | undefined =
    line === undefined
      ? undefined
      : {
          line,
          labels: result.strata
            .filter(s => s.selected > 0)
            .map(s => ({
              text: s.label === null ? null : (spellLabel?.(s.label) ?? s.label),
              index: labels.indexOf(s.label),
            })),
          prefix: manifestPrefix(options.absolute ? source.root : null),
        };
  const fill = (): Promise<void> =>
    spool.fill(async write => {
      const text = writer.open(head, { separator: options.separator });
      const start = text.head();
      await pending.each(block => {
        if (block.bytes === undefined) write(blockText(block, text, toManifest));
        else for (const bytes of block.bytes) write(bytes);
      }, lines);
      return { head: start, end: text.end() };
    });
  return { output, files: [{ path, content: spool }, ...sidecarOf(prepared, path, head)], fill };
}

/** A block's text: the lines DuckDB made as they are, the other rows rendered by the writer, in order. */
function blockText(
  block: PendingBlock,
  text: ManifestText,
  toManifest: (clips: readonly Clip[]) => ManifestClip[],
): string {
  const pieces: string[] = [];
  let rendered: Clip[] = [];
  for (let i = 0; i < block.rows; i++) {
    const line = block.line(i);
    if (line === null) {
      rendered.push(block.clip(i));
      continue;
    }
    if (rendered.length > 0) {
      pieces.push(text.rows(toManifest(rendered)));
      rendered = [];
    }
    pieces.push(line);
  }
  if (rendered.length > 0) pieces.push(text.rows(toManifest(rendered)));
  return pieces.join('');
}
