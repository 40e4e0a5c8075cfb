import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fillTemplate } from '../api/slice.js';
import { DatasetError, K400Error } from '../errors.js';
import { readTextFile } from '../labels/name-list.js';
import { type SliceOptions, sliceFields, sliceOptionsSchema } from '../options/slice-options.js';
import { ValidationError } from '../options/validation.js';
import { chooseWriter } from '../write/writers/index.js';
import { fieldWords } from './config-words.js';

/** Options whose values are paths: in a config they are relative to the config file. */
const PATH_FIELDS = [
  'source',
  'output',
  'annotations',
  'classesFile',
  'excludeClassesFile',
  'labelMap',
  'idsFile',
  'excludeIdsFile',
  'report',
  'have',
] as const;
const OPTION_NAMES = new Set(Object.keys(sliceFields.shape));

/** One slice of a run config, with its options parsed and its paths made relative to where we run. */
export interface ConfiguredSlice {
  readonly name: string;
  readonly options: SliceOptions;
  /** The source exactly as the config writes it: what the provenance records, wherever the run starts. */
  readonly sourceAsWritten: string;
}

/** A config `k400-slice run --init` writes: the smallest that does something useful. */
export const INIT_CONFIG = {
  source: 'data/k400',
  seed: 0,
  slices: {
    ten: { percent: 10, output: 'manifests/k400-10pct.csv' },
    tv: { percent: 50, splits: { train: 90, val: 10 }, output: 'manifests/k400-tv-{split}.csv' },
  },
};

/**
 * Reads a run config: top-level options are defaults for every slice, `slices` maps names to options (the
 * command line's long options in camelCase; lists as arrays, `splits` as an object of weights). Every
 * problem is collected and reported at once, one line each, naming the slice and the field.
 */
export function loadRunConfig(file: string): ConfiguredSlice[] {
  let config: unknown;
  try {
    config = JSON.parse(readTextFile(file, 'config'));
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(
      `config ${file}: not JSON (${(error as Error).message})`,
      'fix the syntax, or start again from k400-slice run --init',
    );
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new DatasetError(`config ${file}: not a JSON object`, 'start from k400-slice run --init');
  const { slices, ...defaults } = config as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(defaults))
    if (!OPTION_NAMES.has(key) || key === 'output')
      problems.push(
        `${key}: unknown option${key === 'output' ? ' at the top level (each slice names its own output)' : ''}`,
      );
  if (typeof slices !== 'object' || slices === null || Array.isArray(slices) || Object.keys(slices).length === 0) {
    const problem = 'slices: required, an object of named slices (see k400-slice run --init)';
    throw new ValidationError([...problems, problem].map(p => `config ${file}: ${p}`));
  }
  const base = dirname(file);
  const configured: ConfiguredSlice[] = [];
  const inherited = new Set<string>();
  for (const [name, raw] of Object.entries(slices as Record<string, unknown>)) {
    const where = (field: PropertyKey): string =>
      typeof raw === 'object' && raw !== null && String(field) in raw
        ? `slices.${name}.${String(field)}`
        : String(field);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`slices.${name}: must be an object of options`);
      continue;
    }
    const merged: Record<string, unknown> = {
      ...Object.fromEntries(Object.entries(defaults).filter(([key]) => OPTION_NAMES.has(key) && key !== 'output')),
      ...raw,
    };
    if (merged.output === undefined)
      problems.push(`slices.${name}.output: required (where this slice's manifest goes)`);
    // Without a source, a slice reads its annotations alone (a download plan).
    const alone = merged.source === undefined && merged.annotations !== undefined;
    if (merged.source === undefined && !alone)
      problems.push(`slices.${name}.source: required, here or at the top level (or annotations, to slice them alone)`);
    if (merged.output === undefined || (merged.source === undefined && !alone)) continue;
    const written = merged.source;
    for (const field of PATH_FIELDS) merged[field] = relativeTo(base, merged[field]);
    const parsed = sliceOptionsSchema.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const line =
          issue.code === 'unrecognized_keys'
            ? issue.keys.map(key => `${where(key)}: unknown option`).join('; ')
            : describeIssue(where(issue.path[0] ?? ''), issue.code === 'custom', fieldWords(issue.message));
        // A bad top-level default would be reported once per slice: once is enough.
        if (!line.startsWith('slices.') && inherited.has(line)) continue;
        inherited.add(line);
        problems.push(line);
      }
      continue;
    }
    try {
      chooseWriter(parsed.data.format, parsed.data.output);
    } catch (error) {
      if (!(error instanceof K400Error)) throw error;
      problems.push(`slices.${name}.output: ${error.message} (${error.hint})`);
      continue;
    }
    configured.push({ name, options: parsed.data, sourceAsWritten: written === undefined ? '' : String(written) });
  }
  problems.push(...collisions(configured));
  if (problems.length > 0) throw new ValidationError(problems.map(p => `config ${file}: ${p}`));
  return configured;
}

function relativeTo(base: string, value: unknown): unknown {
  const one = (path: unknown): unknown =>
    typeof path === 'string' && path !== '' && path !== '-' && !isAbsolute(path) ? join(base, path) : path;
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** Every file each slice writes (manifests, sidecars, reports); two slices may not write one file. */
function collisions(slices: readonly ConfiguredSlice[]): string[] {
  const owner = new Map<string, string>();
  const problems = new Map<string, string>();
  for (const { name, options } of slices) {
    for (const path of outputsOf(options)) {
      // `m/x.csv` and `$PWD/m/x.csv` are one file; a pair of slices is named once, at its first shared file.
      const other = owner.get(resolve(path));
      const pair = `${other}\0${name}`;
      if (other !== undefined && other !== name && !problems.has(pair))
        problems.set(pair, `slices.${other} and slices.${name} both write ${path}`);
      owner.set(resolve(path), name);
    }
  }
  return [...problems.values()];
}

export function outputsOf(options: SliceOptions): string[] {
  const parts = options.splits?.map(part => part.name) ?? [null];
  const shards = options.shards === undefined ? [null] : Array.from({ length: options.shards }, (_, i) => i);
  const manifests = parts.flatMap(part =>
    shards.map(shard => fillTemplate(options.output, part, shard, options.shards ?? 1)),
  );
  const sidecars =
    options.meta && chooseWriter(options.format, options.output).sidecar ? manifests.map(m => `${m}.meta.json`) : [];
  return [...manifests, ...sidecars, ...(options.report === undefined ? [] : [options.report])];
}

/** A custom check's message reads on from the field; zod's own are lower-cased after a colon. */
function describeIssue(field: string, custom: boolean, message: string): string {
  return custom ? `${field} ${message}` : `${field}: ${message.toLowerCase()}`;
}
