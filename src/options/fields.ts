import * as z from 'zod';
import { isValidPercent, parsePercent } from '../select/percent.js';

// Field types shared by the command line (where every value arrives as text) and config files (JSON
// values): each accepts both and yields one normalized value. A message reads after the option's name:
// "--count must be a whole number above 0, got 'x' (for example --count 1000)".

// A value of another type (a config's `true`, `null` or `{}`) is named in the message, which zod's own does not.
const got = (issue: { readonly input?: unknown }): string =>
  `got ${JSON.stringify(issue.input) ?? String(issue.input)}`;
const textOrNumber = z
  .union([z.string(), z.number()], { error: issue => `must be a number or text, ${got(issue)}` })
  .transform(String);

function wholeNumber(minimum: number, example: string) {
  return textOrNumber.transform((text, ctx) => {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) < minimum || !Number.isSafeInteger(Number(trimmed))) {
      ctx.addIssue({
        code: 'custom',
        message:
          `must be a whole number ${minimum === 0 ? 'of 0 or more' : 'above 0'}, got '${text}' (for ` +
          `example ${example})`,
      });
      return z.NEVER;
    }
    return Number(trimmed);
  });
}

export const positiveInteger = (example: string) => wholeNumber(1, example);

/** Seconds and such: a decimal of 0 or more. */
export const nonNegativeNumber = (example: string) =>
  textOrNumber.transform((text, ctx) => {
    if (!/^\d+(\.\d+)?$/.test(text.trim())) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a number of 0 or more, got '${text}' (for example ${example})`,
      });
      return z.NEVER;
    }
    return Number(text.trim());
  });
export const nonNegativeInteger = (example: string) => wholeNumber(0, example);

/** `--threads`: how many threads walk a dataset root. More than 256 only costs memory. */
export const threadsField = textOrNumber.transform((text, ctx) => {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 256) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a whole number from 1 to 256, got '${text}' (for example --threads 32)`,
    });
    return z.NEVER;
  }
  return Number(trimmed);
});

/** `--percent`: a decimal above 0 and at most 100, kept exact. */
export const percentField = textOrNumber.transform((text, ctx) => {
  const percent = parsePercent(text);
  if (percent === undefined || !isValidPercent(percent)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a number above 0 and at most 100, got '${text}' (for example --percent 10 or --percent 2.5)`,
    });
    return z.NEVER;
  }
  return percent;
});

/** Seeds are strings; a config may write a number, which means its decimal text. */
export const seedField = textOrNumber;

/** A list: an array (config), or comma-separated text, possibly given several times (command line). */
export const nameList = z
  .union([z.string(), z.array(z.string())], { error: issue => `must be a name or a list of names, ${got(issue)}` })
  .transform(value =>
    (typeof value === 'string' ? [value] : value)
      .flatMap(item => item.split(','))
      .map(s => s.trim())
      .filter(s => s !== ''),
  );

/** `--ext`: a list that must name at least one extension (`--ext ""` would look for nothing). */
export const extensionList = nameList.refine(list => list.length > 0, {
  message: 'names no extension (for example --ext mp4,webm)',
});

export const flag = z.boolean();
export const text = z.string().min(1, { message: 'must not be empty' });

/** Paths: an array (config), or one path a time, repeatable (command line). Never split on commas. */
export const pathList = z
  .union([z.string(), z.array(z.string())])
  .transform(value => (typeof value === 'string' ? [value] : value).filter(s => s !== ''));

const MAX_WEIGHT = 1_000_000;

/** A value quoted in a message: a 400-digit weight is named by its first digits. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}... (${text.length} characters)` : text;
}

/**
 * `--splits train=80,val=10,test=10` (command line) or `{"train": 80, "val": 10}` (config): named parts with
 * positive weights, in the order given.
 */
export const partWeights = z
  .union([z.string(), z.record(z.string(), z.union([z.number(), z.string()]))])
  .transform((value, ctx) => {
    const pairs =
      typeof value === 'string'
        ? value.split(',').map(item => item.split('='))
        : Object.entries(value).map(([name, weight]) => [name, String(weight)]);
    const parts: { name: string; weight: number }[] = [];
    for (const pair of pairs) {
      const [name = '', weight = ''] = pair.map(piece => piece.trim());
      // A weight of 400 nines is Infinity to a double: weights are plain decimals up to a million.
      if (
        pair.length !== 2 ||
        !/^[A-Za-z0-9_.-]+$/.test(name) ||
        !/^\d{1,7}(\.\d{1,6})?$/.test(weight) ||
        !(Number(weight) > 0 && Number(weight) <= MAX_WEIGHT)
      ) {
        ctx.addIssue({
          code: 'custom',
          message:
            `must be name=weight pairs, each weight above 0 and at most 1000000 with at most 6 decimals, ` +
            `got '${shorten(pair.join('='))}' (for example --splits train=80,val=10,test=10)`,
        });
        return z.NEVER;
      }
      if (parts.some(part => part.name === name)) {
        ctx.addIssue({ code: 'custom', message: `names the part '${name}' twice` });
        return z.NEVER;
      }
      parts.push({ name, weight: Number(weight) });
    }
    if (parts.length < 2) {
      ctx.addIssue({ code: 'custom', message: 'needs at least two parts (for example --splits train=90,val=10)' });
      return z.NEVER;
    }
    return parts;
  });

/**
 * `--prefix s3://bucket/k400/`: where in its bucket a listing's dataset is (src/listing/locate.ts). A value that
 * is no s3:// or gs:// URI is refused here, before a listing of millions of keys is read: the bucket a name of
 * letters, digits, dots, hyphens and underscores (what S3, legacy buckets included, and Cloud Storage allow),
 * the key prefix without control characters. An empty value is left to `text`'s own message.
 */
export const bucketPrefix = text.refine(value => value === '' || (BUCKET_URI.test(value) && !/\p{Cc}/u.test(value)), {
  error: issue =>
    `must be an s3:// or gs:// URI: a bucket of letters, digits, '.', '-' and '_', then a key prefix without ` +
    `control characters, got '${String(issue.input)}' (for example --prefix s3://bucket/k400/)`,
});

const BUCKET_URI = /^(s3|gs):\/\/[A-Za-z0-9._-]+(\/.*)?$/s;
