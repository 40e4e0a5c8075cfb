import * as z from 'zod';
import { ENGINES } from '../engine/engines.js';
import { grouped } from '../grouped.js';
import { LABEL_STYLES } from '../labels/spellings.js';
import { parseSpare } from '../select/spare.js';
import { checkStrategies, registeredFields, type SizeSpec, sizeSpecFrom } from '../select/strategies/index.js';
import { layoutField } from '../source/loaders/layout-field.js';
import { FORMAT_NAMES, separatorProblem } from '../write/writers/index.js';
import {
  bucketPrefix,
  extensionList,
  flag,
  nameList,
  nonNegativeNumber,
  partWeights,
  pathList,
  positiveInteger,
  seedField,
  text,
} from './fields.js';

/** `--spare 20%` (of each class's quota) or `--spare 3` (a class). */
const spareField = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const spare = parseSpare(String(value));
  if (spare === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a percent of each class's quota or a count a class, got '${value}' (for example --spare 20%)`,
    });
    return z.NEVER;
  }
  return spare;
});

/** Shards are files: a cap refuses `--shards 10000000` before anything is made for them. */
export const MAX_SHARDS = 10_000;

/**
 * Options of one slice. Keys are the long options in camelCase, so the same schema reads the command line
 * and (later) config files.
 */
export const sliceFields = z.strictObject({
  // Absent when slicing annotation CSVs alone, before any download.
  source: text.optional(),
  layout: layoutField.optional(),
  seed: seedField.default('0'),
  split: text.optional(),
  ext: extensionList.optional(),
  annotations: pathList.optional(),
  // Where in its bucket a listing's dataset is: s3://bucket/k400/ (src/listing/locate.ts).
  prefix: bucketPrefix.optional(),
  probe: flag.default(false),
  minDuration: nonNegativeNumber('--min-duration 5').optional(),
  minFrames: positiveInteger('--min-frames 16').optional(),
  idsFile: pathList.optional(),
  excludeIdsFile: pathList.optional(),
  classes: nameList.optional(),
  classesFile: text.optional(),
  excludeClasses: nameList.optional(),
  excludeClassesFile: text.optional(),
  // The size strategies' own flags (--percent, --per-class, --count, ...), from their records.
  ...registeredFields,
  shuffle: flag.default(false),
  relabel: flag.default(false),
  labelMap: text.optional(),
  labelMapId: text.optional(),
  labelStyle: z.enum(LABEL_STYLES).optional(),
  absolute: flag.default(false),
  format: z.enum(FORMAT_NAMES).optional(),
  // `--separator '\t'` arrives as a backslash and a t: it means a tab.
  separator: z
    .string()
    .regex(/^[^\n\r]+$/, { message: 'must be a character, not empty' })
    .transform(s => s.replaceAll('\\t', '\t'))
    .optional(),
  splits: partWeights.optional(),
  shards: positiveInteger('--shards 8')
    .refine(n => n <= MAX_SHARDS, {
      message: `must be at most ${grouped(MAX_SHARDS)} (one file a shard)`,
    })
    .optional(),
  output: text.default('-'),
  meta: flag.default(true),
  report: text.optional(),
  strict: flag.default(false),
  /** Which engine selects: never recorded in the provenance, since both give the same bytes. */
  engine: z.enum(ENGINES).default('auto'),
  spare: spareField.optional(),
  have: text.optional(),
});

/** Options that only make sense together, or never do. */
export const sliceOptionsSchema = sliceFields.superRefine((o, ctx) => {
  const problem = (path: string, message: string): void => void ctx.addIssue({ code: 'custom', path: [path], message });
  checkStrategies(o, problem);
  if (o.relabel && o.labelMap !== undefined)
    problem('relabel', 'cannot be combined with --label-map (the map gives the indices)');
  if (o.labelMapId !== undefined && o.labelMap === undefined)
    problem('labelMapId', 'needs --label-map (it names the id column of that CSV)');
  const separator = o.separator === undefined ? undefined : separatorProblem(o.format);
  if (separator !== undefined) problem('separator', separator);
  const several = (o.splits !== undefined ? 1 : 0) + ((o.shards ?? 1) > 1 ? 1 : 0) > 0;
  if (several && o.output === '-')
    problem(
      'output',
      'must name files when there are several parts or shards (for example -o manifests/k400-{split}.csv)',
    );
  else if (o.splits !== undefined && !o.output.includes('{split}'))
    problem(
      'output',
      `must hold {split} with --splits, one file a part (for example ${withPlaceholder(o.output, '{split}')})`,
    );
  else if ((o.shards ?? 1) > 1 && !o.output.includes('{shard}'))
    problem(
      'output',
      `must hold {shard} with --shards, one file a shard (for example ${withPlaceholder(o.output, '{shard}')})`,
    );
  planOptions(o, problem);
  if (o.splits === undefined && o.output.includes('{split}'))
    problem('output', 'holds {split} but no --splits names the parts');
  if (o.shards === undefined && o.output.includes('{shard}'))
    problem('output', 'holds {shard} but no --shards says how many');
});

export type SliceOptions = z.output<typeof sliceOptionsSchema>;

/**
 * Slicing annotations alone (no source) plans a download: files cannot be probed or given absolute paths
 * yet, and --spare and --have only mean something for a plan.
 */
function planOptions(o: z.output<typeof sliceFields>, problem: (path: string, message: string) => void): void {
  const alone = o.source === undefined;
  if (alone && (o.annotations ?? []).length === 0)
    problem('source', 'is required: a dataset ROOT, or --annotations CSV to slice the annotations alone');
  if (alone && o.probe) problem('probe', 'needs video files: give a dataset ROOT');
  if (alone && o.absolute) problem('absolute', 'needs a dataset ROOT: the paths of a plan are relative');
  if (alone && o.ext !== undefined) problem('ext', 'needs a dataset ROOT: a plan names every clip .mp4');
  if (alone && o.prefix !== undefined) problem('prefix', 'needs a ROOT that is a listing of a bucket');
  // One problem for both: they are refused for the same reason, and an error is one line.
  const planOnly = (['spare', 'have'] as const).find(key => o[key] !== undefined);
  // A --spare refused for both reasons is one error: the first, which the second only follows from.
  if (planOnly !== undefined && !alone)
    problem(planOnly, 'only applies when slicing --annotations alone, without a ROOT (it plans a download)');
  else if (o.spare !== undefined && sizeSpecFrom(o).strategy === 'all')
    problem('spare', 'needs --percent, --per-class or --count (without one every clip is planned already)');
}

/** `m/train.csv` -> `m/train-{split}.csv`: how an example output with a placeholder looks. */
function withPlaceholder(output: string, placeholder: string): string {
  const dot = output.lastIndexOf('.');
  return dot > output.lastIndexOf('/')
    ? `${output.slice(0, dot)}-${placeholder}${output.slice(dot)}`
    : `${output}-${placeholder}`;
}

/** The size strategy the options choose (see the records in select/strategies/). */
export function sizeSpecOf(options: SliceOptions): SizeSpec {
  return sizeSpecFrom(options) as SizeSpec;
}
