import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { kineticsClipId } from '../../src/scan/clip-name.js';
import { PACKAGE_ROOT } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';

/** One annotation row of a generated dataset. */
export interface Row {
  readonly label: string;
  readonly youtubeId: string;
  readonly start: number;
  readonly split: string | null;
}

export const clipIdOfRow = (row: Row): string => kineticsClipId(row.youtubeId, row.start, row.start + 10);

/** Where a download plan puts a row's clip, and where a complete download has it. */
export const targetOfRow = (row: Row): string =>
  [row.split, row.label, `${clipIdOfRow(row)}.mp4`].filter(part => part !== null).join('/');

const ID_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'];

/** Class names of the kinds Kinetics has: spaces, apostrophes, parentheses, accents. */
const planLabel = fc.constantFrom(
  'abseiling',
  'air drumming',
  'hurling (sport)',
  "massaging person's head",
  'passing American football (in game)',
  'playing pétanque',
  'zumba',
);

/** The annotation rows of a generated dataset: unique clip ids, one split layout for all. */
export const rowsArb = (options: { minRows?: number; maxRows?: number } = {}): fc.Arbitrary<Row[]> =>
  fc
    .record({
      splits: fc.constantFrom<(string | null)[]>([null], ['train'], ['train', 'val']),
      labels: fc.uniqueArray(planLabel, { minLength: 1, maxLength: 5 }),
    })
    .chain(({ splits, labels }) =>
      fc.uniqueArray(
        fc.record({
          label: fc.constantFrom(...labels),
          youtubeId: fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 11, maxLength: 11 }),
          start: fc.nat({ max: 500 }),
          split: fc.constantFrom(...splits),
        }),
        { minLength: options.minRows ?? 1, maxLength: options.maxRows ?? 60, selector: clipIdOfRow },
      ),
    );

/** The rows as an official annotation CSV: multi-word labels quoted, an empty split where there is none. */
export function annotationCsv(rows: readonly Row[]): string {
  const quote = (text: string): string => (/[ ,"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = rows.map(r => `${quote(r.label)},${r.youtubeId},${r.start},${r.start + 10},${r.split ?? ''}`);
  return `label,youtube_id,time_start,time_end,split\n${lines.join('\n')}\n`;
}

/** Writes the annotations to `dir/annotations.csv` and returns its path. */
export function writeAnnotations(dir: string, rows: readonly Row[], name = 'annotations.csv'): string {
  const file = join(dir, name);
  writeFileSync(file, annotationCsv(rows));
  return file;
}

/** A download of these rows, as the plan's yt-dlp script lays it out (sizes from 1 to 9 bytes). */
export function writeDownload(root: string, rows: readonly Row[]): void {
  writeTree(root, Object.fromEntries(rows.map((row, i) => [targetOfRow(row), 1 + (i % 9)])));
}

/** Runs the CLI in-process with captured streams. */
export async function run(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: text => void (stdout += text),
    stderr: text => void (stderr += text),
    stderrIsTTY: false,
    cwd: PACKAGE_ROOT,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

/** `text` as one word of a POSIX shell command. */
const shellWord = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * A stand-in for yt-dlp: records its arguments, writes the -o file, and fails for the youtube ids given. It is a
 * shell script rather than a Node one: a plan runs it once a clip, and a shell starts in a hundredth of the time.
 * Each call is logged as its argument count and its arguments, each ended by a NUL byte (see `stubCalls`).
 */
export function stubYtDlp(dir: string, failFor: readonly string[]): { bin: string; log: string } {
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  const stub = join(bin, 'yt-dlp');
  mkdirSync(bin, { recursive: true });
  const fails =
    failFor.length === 0
      ? ''
      : `case "$last" in ${failFor.map(id => `*=${shellWord(id)}`).join('|')}) exit 1 ;; esac\n`;
  writeFileSync(
    stub,
    `#!/bin/sh
{ printf '%s\\0' "$#"; [ "$#" -eq 0 ] || printf '%s\\0' "$@"; } >> ${shellWord(log)}
last=
for last; do :; done
${fails}out=
while [ "$#" -gt 0 ]; do
  if [ "$1" = -o ]; then out=$2; break; fi
  shift
done
out=$(printf '%s\\n' "$out" | sed 's/%%/%/g')
mkdir -p -- "$(dirname -- "$out")"
printf video > "$out"
`,
  );
  chmodSync(stub, 0o755);
  return { bin, log };
}

/** The calls `stubYtDlp` logged, in order, each its arguments. */
export function stubCalls(log: string): string[][] {
  const fields = readFileSync(log, 'utf8').split('\0');
  const calls: string[][] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const count = Number(fields[i]);
    calls.push(fields.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return calls;
}
