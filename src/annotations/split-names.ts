// Split names, in a module of their own: the loaders' detection asks it without loading the CSV reader.

/** The split a name stands for, by its lower-case spelling. */
export const SPLIT_NAMES: Readonly<Record<string, string>> = {
  train: 'train',
  val: 'val',
  validate: 'val',
  validation: 'val',
  test: 'test',
};

/** DeepMind's later files say `validate` where the CVDF ones say `val`: both mean the one split `val`. */
export function normalizeSplit(split: string): string {
  return SPLIT_NAMES[split.trim().toLowerCase()] ?? split.trim();
}
