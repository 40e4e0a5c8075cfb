import type * as z from 'zod';
import { UsageError } from '../errors.js';

/** Several problems found at once: printed one line each, exit 2. */
export class ValidationError extends UsageError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
}

/**
 * Parses with a schema, turning a failure into one line per problem. `name` says how a field is called
 * where it came from: `--min-per-class` on the command line, `slices.tv.minPerClass` in a config.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  name: (path: readonly PropertyKey[]) => string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map(issue => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map(key => `unknown option ${name([...issue.path, key])}`).join('; ');
      const where = name(issue.path);
      return issue.code === 'custom' ? `${where} ${issue.message}` : `${where}: ${issue.message.toLowerCase()}`;
    }),
  );
}

/** Command-line naming: `minPerClass` -> `--min-per-class`. */
export const cliName = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? 'options' : `--${kebab(String(path[0]))}`;
