import type { Command } from 'commander';
import { shellQuote } from '../report/report-outputs.js';
import { TOOL_NAME } from '../version.js';

/** Options that only make the page and the card: the command that rebuilds a slice leaves them out. */
const REPORT_OPTIONS = new Set(['html', 'markdown', 'quiet']);

/**
 * The command line a Markdown card gives to rebuild its outputs: the operands and every option the user
 * typed, in the order `--help` lists them, with long names, quoted for a POSIX shell.
 */
export function commandLine(command: Command): string {
  const words = [TOOL_NAME, command.name(), ...command.args];
  for (const option of command.options) {
    const key = option.attributeName();
    if (REPORT_OPTIONS.has(key) || command.getOptionValueSource(key) !== 'cli' || option.long === undefined) continue;
    const value: unknown = command.getOptionValue(key);
    if (typeof value === 'boolean') {
      if (value === !option.negate) words.push(option.long);
    } else {
      for (const item of Array.isArray(value) ? value : [value]) words.push(option.long, String(item));
    }
  }
  return words.map(shellQuote).join(' ');
}
