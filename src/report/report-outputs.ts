import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { assertWritable, type PlannedFile } from '../write/atomic.js';
import { renderHtmlPage } from './html-page.js';
import { renderMarkdownCard } from './markdown-card.js';
import type { ReportSection } from './model.js';

/** Where `--html` and `--markdown` go; `-` (Markdown only) is stdout. */
export interface ReportTargets {
  readonly html?: string | undefined;
  readonly markdown?: string | undefined;
}

/** Picks `--html` and `--markdown` out of a command's parsed options; an empty value is a usage error. */
export function reportTargets(raw: Record<string, unknown>): ReportTargets {
  const pick = (flag: 'html' | 'markdown'): string | undefined => {
    const value = raw[flag];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      throw new UsageError(
        `--${flag} needs a file name`,
        `for example --${flag} slice.${flag === 'html' ? 'html' : 'md'}`,
      );
    return value;
  };
  return { html: pick('html'), markdown: pick('markdown') };
}

/**
 * Refuses, before any scanning, a page or card that would land on another output (or on each other), or a
 * card on stdout beside a manifest on stdout: the two would interleave into one unreadable stream.
 */
export function checkReportTargets(
  targets: ReportTargets,
  outputs: readonly string[],
  { manifestOnStdout, checkWritable = true }: { manifestOnStdout: boolean; checkWritable?: boolean },
): void {
  if (targets.html === '-')
    throw new UsageError('--html cannot go to stdout', 'give it a file name, for example --html slice.html');
  if (targets.markdown === '-' && manifestOnStdout)
    throw new UsageError(
      '--markdown - and the manifest would both go to stdout',
      'write the manifest to a file with -o, or the card to a file with --markdown FILE',
    );
  const taken = new Map(outputs.map(path => [resolve(path), path]));
  for (const [flag, path] of [
    ['--html', targets.html],
    ['--markdown', targets.markdown],
  ] as const) {
    if (path === undefined || path === '-') continue;
    const other = taken.get(resolve(path));
    if (other !== undefined)
      throw new UsageError(
        `${flag} '${path}' is the same file as '${other}', which this command reads or writes`,
        `give ${flag} a file of its own`,
      );
    taken.set(resolve(path), path);
    if (checkWritable) assertWritable(path);
  }
}

/** Shell words as a POSIX shell reads them back: plain words bare, anything else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The page and the card as files to commit with the manifests, and the card's text when it goes to stdout. */
export function reportFiles(
  targets: ReportTargets,
  title: string,
  sections: readonly ReportSection[],
  rebuild: string,
): { files: PlannedFile[]; stdout: string | null } {
  const files: PlannedFile[] = [];
  let stdout: string | null = null;
  if (targets.html !== undefined) files.push({ path: targets.html, content: renderHtmlPage(title, sections) });
  if (targets.markdown !== undefined) {
    const card = renderMarkdownCard(title, sections, rebuild);
    if (targets.markdown === '-') stdout = card;
    else files.push({ path: targets.markdown, content: card });
  }
  return { files, stdout };
}
