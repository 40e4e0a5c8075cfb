import { isAbsolute, normalize, relative, sep } from 'node:path';
import { isBucketRoot } from '../listing/listing.js';
import type { Provenance } from '../manifest/schema.js';
import { SELECTION_RULE } from '../select/clip-key.js';
import type { SliceResult } from '../select/slice.js';
import type { Source } from '../source/source.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

/**
 * The record that lets anyone reproduce or check a manifest. Keys are built in a fixed order and nothing in
 * it depends on the clock or the machine beyond the source as the user typed it.
 */
export function buildProvenance(args: {
  seed: string;
  options: Record<string, unknown>;
  source: Source;
  /** Only the number of rows is read: a manifest's rows may not be fetched yet. */
  result: Pick<SliceResult, 'eligible' | 'strata'> & { readonly rows: { readonly length: number } };
  format: string;
  /** The part of --splits and the shard of --shards this manifest is, when it is one. */
  part?: string | null;
  shard?: { index: number; of: number } | null;
  /** The absolute folder the manifest is written to (the working folder for stdout): `root` is relative to it. */
  manifestDir: string;
}): Provenance {
  const { source, result } = args;
  const totals = source.report.tally.totals;
  const annotated = source.annotations.length > 0;
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    selection_rule: { name: SELECTION_RULE.name, version: SELECTION_RULE.version },
    seed: args.seed,
    options: args.options,
    // Annotations alone have no root yet: the plan's paths are relative to wherever the download goes.
    source: {
      ...(source.layout === 'annotations'
        ? { given: '' }
        : { given: normalizedGiven(source.given), root: recordedRoot(source.given, source.root, args.manifestDir) }),
      layout: source.layout,
      splits: [...source.splits],
      ...(annotated ? { annotations: [...source.annotations] } : {}),
    },
    input_fingerprint: source.fingerprint,
    counts: {
      scanned: totals.files,
      skipped: {
        ...source.report.skipped,
        duplicate: totals.duplicates,
        zero_byte: totals.zero_byte,
        ...(annotated ? { unannotated: totals.unannotated } : {}),
      },
      ...(annotated ? { annotated: totals.annotated, missing: totals.missing } : {}),
      eligible: result.eligible,
      selected: result.rows.length,
      per_class: result.strata.map(s => ({
        split: s.split,
        label: s.label,
        eligible: s.eligible,
        selected: s.selected,
      })),
    },
    format: args.format,
    ...(args.part !== null && args.part !== undefined ? { part: args.part } : {}),
    ...(args.shard !== null && args.shard !== undefined ? { shard: args.shard.index, shards: args.shard.of } : {}),
  };
}

/** `tree`, `./tree` and `tree/` are one root: the provenance must not tell them apart. */
export function normalizedGiven(given: string): string {
  const normal = normalize(given).split(sep).join('/');
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/**
 * Where the data is, as seen from the manifest's own folder: a manifest committed beside its data then works
 * from any working folder, and `verify`/`materialize` resolve it against the manifest's folder. A root given
 * absolute stays absolute (the data does not move with the manifest).
 */
export function recordedRoot(given: string, root: string, manifestDir: string): string {
  if (isBucketRoot(root)) return root;
  if (isAbsolute(given)) return normalizedGiven(root);
  const path = relative(manifestDir, root);
  return path === '' ? '.' : path.split(sep).join('/');
}
