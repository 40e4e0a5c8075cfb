import * as z from 'zod';
import { FORMAT_NAMES } from '../write/writers/index.js';
import type { SizeSpec } from '../select/strategies/index.js';
import { LABEL_STYLES } from '../labels/spellings.js';
import { flag, nameList, nonNegativeInteger, pathList, percentField, positiveInteger, seedField, text } from './fields.js';

/**
 * Options of one slice. Keys are the long options in camelCase, so the same schema reads the command line
 * and (later) config files.
 */
export const sliceOptionsSchema = z
  .strictObject({
    source: text,
    seed: seedField.default('0'),
    split: text.optional(),
    ext: nameList.optional(),
    annotations: pathList.optional(),
    idsFile: pathList.optional(),
    excludeIdsFile: pathList.optional(),
    classes: nameList.optional(),
    classesFile: text.optional(),
    excludeClasses: nameList.optional(),
    excludeClassesFile: text.optional(),
    percent: percentField.optional(),
    minPerClass: nonNegativeInteger('--min-per-class 2').optional(),
    perClass: positiveInteger('--per-class 50').optional(),
    count: positiveInteger('--count 1000').optional(),
    stratified: flag.default(false),
    allowFewer: flag.default(false),
    shuffle: flag.default(false),
    relabel: flag.default(false),
    labelMap: text.optional(),
    labelStyle: z.enum(LABEL_STYLES).optional(),
    absolute: flag.default(false),
    format: z.enum(FORMAT_NAMES).optional(),
    output: text.default('-'),
    meta: flag.default(true),
    report: text.optional(),
    strict: flag.default(false),
  })
  .superRefine((o, ctx) => {
    const problem = (path: string, message: string): void => void ctx.addIssue({ code: 'custom', path: [path], message });
    const sizes = (['percent', 'perClass', 'count'] as const).filter((key) => o[key] !== undefined);
    if (sizes.length > 1) {
      problem(sizes[1] as string, `cannot be combined with --${sizes[0] === 'perClass' ? 'per-class' : sizes[0]} (choose one size strategy: --percent, --per-class or --count)`);
    }
    if (o.stratified && o.count === undefined) problem('stratified', 'needs --count (it shares --count N across classes)');
    if (o.allowFewer && o.count === undefined) problem('allowFewer', 'only applies to --count');
    if (o.minPerClass !== undefined && o.percent === undefined) problem('minPerClass', 'only applies to --percent');
    if (o.relabel && o.labelMap !== undefined) problem('relabel', 'cannot be combined with --label-map (the map gives the indices)');
  });

export type SliceOptions = z.output<typeof sliceOptionsSchema>;

export function sizeSpecOf(options: SliceOptions): SizeSpec {
  if (options.percent !== undefined) return { strategy: 'percent', percent: options.percent, minPerClass: options.minPerClass ?? 1 };
  if (options.perClass !== undefined) return { strategy: 'per-class', perClass: options.perClass };
  if (options.count !== undefined) {
    return { strategy: options.stratified ? 'stratified-count' : 'count', count: options.count, allowFewer: options.allowFewer };
  }
  return { strategy: 'all' };
}
