import { relative, resolve, sep } from 'node:path';
import { DatasetError, UsageError } from '../errors.js';
import { identityOf, realPathOfMissing } from './output-target.js';

/** A file the run reads, and the option that named it (what the message says). */
export interface InputFile {
  readonly path: string;
  readonly what: string;
}

/** The clips of a dataset root: an output that is one of them would destroy a video. */
export interface InputRoot {
  readonly root: string;
  /** Only looked up when an output lies inside the root. */
  readonly paths: Pick<ReadonlySet<string>, 'has'>;
}

/**
 * Refuses outputs that are the run's own inputs (`slice i.jsonl -o i.jsonl` destroys the index) and two outputs
 * that are one file under two names (`-o out/r.csv --report ./out/r.csv`). Files are compared by what they are
 * (device and inode, or the real path), never by how they are spelled.
 */
export function refuseOwnInputs(
  outputs: readonly string[],
  inputs: readonly InputFile[],
  roots: readonly InputRoot[] = [],
): void {
  const named = new Map<string, string>();
  for (const output of outputs) {
    const id = identityOf(output);
    const other = named.get(id);
    if (other !== undefined && other !== output)
      throw new UsageError(`'${other}' and '${output}' are the same file`, 'give each output its own file');
    if (other !== undefined)
      throw new UsageError(`'${output}' would be written twice`, 'give each output its own file');
    named.set(id, output);
  }
  for (const input of inputs) {
    const output = named.get(identityOf(input.path));
    if (output !== undefined)
      throw new DatasetError(
        `output '${output}' is ${input.what} '${input.path}', which this run reads`,
        'write the output to another file',
      );
  }
  for (const root of roots) {
    const base = realPathOfMissing(resolve(root.root));
    for (const output of outputs) {
      const inside = relative(base, realPathOfMissing(resolve(output)));
      if (inside.startsWith('..') || inside === '') continue;
      if (root.paths.has(inside.split(sep).join('/')))
        throw new DatasetError(`output '${output}' is a clip of the dataset`, 'write the output outside the dataset');
    }
  }
}
