import { compareCodePoints } from '../clip.js';
import type { ClassRow, ReportSection } from './model.js';

const EXTREMES = 10;

/** A table cell: pipes would end the cell (even inside code), newlines the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/[\r\n]+/g, ' ');
}

/** Inline code that holds any text: the fence is one backtick longer than the longest run inside. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${numeric.map(n => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map(row => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function classRows(rows: readonly ClassRow[]): string[][] {
  return rows.map(r => [r.label, String(r.selected), String(r.eligible)]);
}

/** The smallest and largest classes by clips selected, ties in code-point order; all of them when few. */
function extremes(section: ReportSection): string[] {
  const head = ['class', 'selected', 'eligible'];
  const numeric = [false, true, true];
  const sorted = [...section.classes].sort((a, b) => a.selected - b.selected || compareCodePoints(a.label, b.label));
  if (sorted.length <= 2 * EXTREMES)
    return [`**Classes** (${sorted.length}, smallest first)`, '', ...table(head, classRows(sorted), numeric)];
  const largest = [...sorted].sort((a, b) => b.selected - a.selected || compareCodePoints(a.label, b.label));
  return [
    `**The ${EXTREMES} smallest classes** (of ${sorted.length})`,
    '',
    ...table(head, classRows(sorted.slice(0, EXTREMES)), numeric),
    '',
    `**The ${EXTREMES} largest classes**`,
    '',
    ...table(head, classRows(largest.slice(0, EXTREMES)), numeric),
  ];
}

function sectionCard(section: ReportSection, heading: string): string[] {
  const p = section.provenance;
  const lines = [heading, '', section.sentence, ''];
  if (p !== null) {
    lines.push(
      ...table(
        ['', ''],
        [
          ['rule', `${p.selection_rule.name} v${p.selection_rule.version}`],
          ['seed', code(p.seed)],
          ['fingerprint', code(p.input_fingerprint)],
          // A plan sliced from annotations alone has no root: its annotation files are the source.
          ['source', `${code(p.source.given || String(p.source.annotations ?? ''))} (${p.source.layout})`],
          ['tool', `${p.tool.name} ${p.tool.version}`],
        ],
        [false, false],
      ),
      '',
      `**Options:** ${Object.entries(p.options)
        .map(([k, v]) => code(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`))
        .join(', ')}`,
      '',
    );
  }
  if (section.outputs.length > 0) {
    lines.push(
      ...table(
        ['manifest', 'part', 'clips'],
        section.outputs.map(o => [code(o.path), o.piece ?? '', String(o.rows)]),
        [false, false, true],
      ),
      '',
    );
  }
  if (section.splits.length > 0)
    lines.push(
      ...table(
        ['split', 'classes', 'selected', 'eligible'],
        section.splits.map(s => [s.split, String(s.classes), String(s.selected), String(s.eligible)]),
        [false, true, true, true],
      ),
      '',
    );
  lines.push(...extremes(section), '');
  return lines;
}

/**
 * The card of a slice (or of every slice of a run): what it is, how it was chosen, what it holds, and the
 * exact command that makes it again. Plain GitHub-flavoured Markdown, so it reads in a CI job summary.
 */
export function renderMarkdownCard(title: string, sections: readonly ReportSection[], rebuild: string): string {
  const several = sections.length > 1;
  const lines = [`## ${title}`, ''];
  for (const section of sections) lines.push(...sectionCard(section, several ? `### ${cell(section.name)}` : ''));
  lines.push('**Rebuild**', '', '```sh', rebuild, '```', '');
  // A card of one slice has no section heading: the blank lines around it collapse.
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}
