import type { Command } from 'commander';
import { DEFAULT_VIDEO_EXTENSIONS } from '../scan/file-kinds.js';

/** Commander's way to let an option repeat: each value is added to the list. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The options that say how to read a source, shared by every command that reads one. */
export function withSourceOptions(command: Command): Command {
  return command
    .option('--split <name>', 'read only this split (default: every split)')
    .option('--annotations <csv>', 'annotation CSV giving labels and splits; repeatable (a CVDF root needs none)', collect)
    .option('--ext <list>', `video extensions, comma-separated (default: ${DEFAULT_VIDEO_EXTENSIONS.join(',')})`, collect);
}
