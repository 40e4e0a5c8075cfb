import { DatasetError } from '../../errors.js';
import type { ManifestText } from './types.js';

/**
 * `path<separator>label_index` lines, no header: the list format of mmaction2, PyTorchVideo/SlowFast and
 * DALI. Their readers split each line on the separator (or on any whitespace, for DALI), so a path holding
 * the separator or a line break (CR or LF), or a row without a label index, cannot be written: the error
 * names the rows.
 */
export function pathLabelLines(format: string, separator: string, anyWhitespace: boolean, hint: string): ManifestText {
  const breaks = (path: string): boolean => (anyWhitespace ? /\s/.test(path) : path.includes(separator));
  const unsplittable: number[] = [];
  // A line break in a path would end the line early and make the rest look like a row of its own.
  const broken: number[] = [];
  const unlabelled: number[] = [];
  let row = 0;
  return {
    head: () => '',
    rows: clips =>
      clips
        .map(clip => {
          row += 1;
          if (/[\r\n]/.test(clip.path)) broken.push(row);
          else if (breaks(clip.path)) unsplittable.push(row);
          if (clip.label_index === null) unlabelled.push(row);
          return `${clip.path}${separator}${clip.label_index}\n`;
        })
        .join(''),
    end: () => {
      if (broken.length > 0)
        throw new DatasetError(
          `--format ${format}: ${rows(broken)} ${broken.length === 1 ? 'has a path' : 'have paths'} with a line ` +
            `break, which a list of lines cannot carry`,
          'rename those files, or write csv, json or jsonl: they quote or escape it',
        );
      if (unsplittable.length > 0) {
        const named = separator === ' ' ? 'a space' : `the separator '${separator}'`;
        const what = anyWhitespace ? 'whitespace' : named;
        throw new DatasetError(
          `--format ${format}: ${rows(unsplittable)} ${unsplittable.length === 1 ? 'has a path' : 'have paths'} ` +
            `with ${what}, which the reader would split`,
          hint,
        );
      }
      if (unlabelled.length > 0) {
        throw new DatasetError(
          `--format ${format}: ${rows(unlabelled)} ${unlabelled.length === 1 ? 'has' : 'have'} no label index`,
          'slice labelled clips only (a test split has none), or write csv',
        );
      }
      return '';
    },
  };
}

function rows(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 5).join(', ');
  return `row${numbers.length === 1 ? '' : 's'} ${shown}${numbers.length > 5 ? ` and ${numbers.length - 5} more` : ''}`;
}
