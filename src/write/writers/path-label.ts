import { DatasetError } from '../../errors.js';
import type { Manifest } from '../../manifest/schema.js';

/**
 * `path<separator>label_index` lines, no header: the list format of mmaction2, PyTorchVideo/SlowFast and
 * DALI. Their readers split each line on the separator (or on any whitespace, for DALI), so a path holding
 * the separator, or a row without a label index, cannot be written: the error names the rows.
 */
export function pathLabelLines(manifest: Manifest, format: string, separator: string, anyWhitespace: boolean, hint: string): string {
  const breaks = (path: string): boolean => (anyWhitespace ? /\s/.test(path) : path.includes(separator));
  const unsplittable: number[] = [];
  const unlabelled: number[] = [];
  manifest.clips.forEach((clip, i) => {
    if (breaks(clip.path)) unsplittable.push(i + 1);
    if (clip.label_index === null) unlabelled.push(i + 1);
  });
  if (unsplittable.length > 0) {
    const what = anyWhitespace ? 'whitespace' : separator === ' ' ? 'a space' : `the separator '${separator}'`;
    throw new DatasetError(`--format ${format}: ${rows(unsplittable)} ${unsplittable.length === 1 ? 'has a path' : 'have paths'} with ${what}, which the reader would split`, hint);
  }
  if (unlabelled.length > 0) {
    throw new DatasetError(`--format ${format}: ${rows(unlabelled)} ${unlabelled.length === 1 ? 'has' : 'have'} no label index`, 'slice labelled clips only (a test split has none), or write csv');
  }
  return manifest.clips.map((clip) => `${clip.path}${separator}${clip.label_index}\n`).join('');
}

function rows(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 5).join(', ');
  return `row${numbers.length === 1 ? '' : 's'} ${shown}${numbers.length > 5 ? ` and ${numbers.length - 5} more` : ''}`;
}
