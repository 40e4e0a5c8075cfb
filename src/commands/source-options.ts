import type { Command } from 'commander';
import * as z from 'zod';
import { threadsField } from '../options/fields.js';
import { cliName, parseWith } from '../options/validation.js';
import { DEFAULT_VIDEO_EXTENSIONS } from '../scan/file-kinds.js';
import { layoutHelp } from '../source/loaders/layout-field.js';

/** Commander's way to let an option repeat: each value is added to the list. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const THREADS_HELP =
  'threads that walk a dataset root (default: one per CPU, at most 8); on a network filesystem, where each file ' +
  'read waits on the server, 16 to 64 walk faster';

/** The options that say how to read a source, shared by every command that reads one. */
export function withSourceOptions(command: Command): Command {
  return command
    .option('--split <names>', 'read only these splits, comma-separated; validate is val (default: every split)')
    .option(
      '--annotations <csv>',
      'annotation CSV giving labels and splits; repeatable (a CVDF root needs none)',
      collect,
    )
    .option(
      '--ext <list>',
      `video extensions, comma-separated (default: ${DEFAULT_VIDEO_EXTENSIONS.join(',')})`,
      collect,
    )
    .option('--threads <N>', THREADS_HELP)
    .option('--layout <name>', layoutHelp());
}

/**
 * `--threads`, for commands that keep it out of their own schema: a slice's options are also a config's, and
 * how many threads walk is a property of the machine, not of the slice.
 */
export function parseThreads(threads: unknown): number | undefined {
  return parseWith(z.strictObject({ threads: threadsField.optional() }), { threads }, cliName).threads;
}
