import { K400Error } from '../errors.js';
import { sliceFields } from '../options/slice-options.js';
import { ValidationError } from '../options/validation.js';

const FIELDS = new Set(Object.keys(sliceFields.shape));

/** `--label-map` -> `labelMap`, for the options a config can set; other flags are left as they are. */
export function fieldWords(text: string): string {
  return text.replace(/--([a-z]+(?:-[a-z]+)*)/g, (flag, name: string) => {
    const field = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    return FIELDS.has(field) ? field : flag;
  });
}

/**
 * An error met while planning one slice of a run speaks of that slice and of the config's field names: the
 * user wrote `"labelMap"` in slices.json, not `--label-map`. Config validation errors already do.
 */
export function inConfigWords(error: unknown, file: string, slice: string): unknown {
  if (!(error instanceof K400Error) || error instanceof ValidationError || error.message === '') return error;
  const reworded = error as { message: string; hint?: string | undefined };
  reworded.message = `config ${file}: slices.${slice}: ${fieldWords(error.message)}`;
  if (error.hint !== undefined) reworded.hint = fieldWords(error.hint);
  return error;
}
