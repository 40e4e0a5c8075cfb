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

/** zod's parse options for a value parsed once: no fast path compiled for the schema (see zod's `jitless`). */
export const ONCE = { jitless: true } as const;

/**
 * Parses with a schema, turning a failure into one line per problem. `name` says how a field is called
 * where it came from: `--min-per-class` on the command line, `slices.tv.minPerClass` in a config.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  name: (path: readonly PropertyKey[]) => string,
): z.output<S> {
  if (name === cliName) refuseOptionLikeValues(input);
  // Parsed once: zod would first compile a fast path for the schema, which cost about 10 ms of a slice's start.
  const result = schema.safeParse(input, ONCE);
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

/**
 * `--seed -q` takes `-q` as the seed, silently: an option's value that looks like an option is refused, so a
 * forgotten value is an error and not a different slice. (`-1` and `-` are values.)
 */
function refuseOptionLikeValues(input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  for (const [key, value] of Object.entries(input)) {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find(v => typeof v === 'string' && /^--?[A-Za-z]/.test(v));
    if (bad !== undefined)
      throw new UsageError(
        `${cliName([key])}: got '${bad}', which looks like an option, as its value`,
        `give ${cliName([key])} a value; one that starts with - and a letter is refused`,
      );
  }
}
