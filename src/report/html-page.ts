import { grouped } from '../grouped.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { classTable } from './class-chart.js';
import { histogramSvg } from './histogram-svg.js';
import { element, escapeHtml, numberCell } from './html-text.js';
import type { ReportSection } from './model.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1400px}
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:2em;border-top:1px solid #ccc;padding-top:.8em}h3{font-size:1em}
code,pre{font:12px/1.4 ui-monospace,monospace}
pre{background:#f6f6f6;padding:.6em;overflow:auto;max-height:24em;user-select:all}
.chart{max-height:70vh;overflow:auto;border:1px solid #ddd}
table{border-collapse:collapse}
th,td{padding:1px 8px;text-align:left;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
thead th{position:sticky;top:0;background:#fff;border-bottom:1px solid #999}
tfoot th,tfoot td{position:sticky;bottom:0;background:#fff;border-top:1px solid #999;font-weight:bold}
tbody tr:nth-child(even){background:#fafafa}
tr.lossy th,tr.lossy td{background:#fde2e2}
svg.bar{display:block}
tbody th{max-width:22em;overflow:hidden;text-overflow:ellipsis}
rect.eligible{fill:#cfd8e6}rect.selected{fill:#3366cc}
.key{display:inline-block;width:.8em;height:.8em;margin-right:.3em}
.histograms{display:flex;flex-wrap:wrap;gap:2em}
figure{margin:0}figcaption{font-weight:bold}
svg text{font:11px system-ui,sans-serif;fill:#222}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}
`;

// Sorting only reorders rows of the table already on the page; nothing is fetched, nothing is drawn anew.
const SCRIPT = `
for (const button of document.querySelectorAll('button[data-sort]')) {
  button.addEventListener('click', () => {
    const body = document.getElementById(button.dataset.table).tBodies[0];
    const key = button.dataset.sort;
    const byName = (a, b) => (a.dataset.name < b.dataset.name ? -1 : a.dataset.name > b.dataset.name ? 1 : 0);
    const rows = [...body.rows];
    rows.sort(key === 'name' ? byName : (a, b) => Number(b.dataset[key]) - Number(a.dataset[key]) || byName(a, b));
    if (button.dataset.reversed === '1') rows.reverse();
    button.dataset.reversed = button.dataset.reversed === '1' ? '0' : '1';
    body.append(...rows);
  });
}
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', () => {
    const text = document.getElementById(button.dataset.copy).textContent;
    if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => undefined);
  });
}
for (const element of document.querySelectorAll('[hidden].sorters, [hidden].copy')) element.hidden = false;
`;

function provenanceBlock(section: ReportSection, id: string): string {
  const p = section.provenance;
  if (p === null) return '';
  const facts: [string, string][] = [
    ['rule', `${p.selection_rule.name} v${p.selection_rule.version}`],
    ['seed', p.seed],
    ['options', JSON.stringify(p.options)],
    ['fingerprint', p.input_fingerprint],
    ['tool', `${p.tool.name} ${p.tool.version}`],
  ];
  return [
    '<h3>Provenance</h3>',
    `<dl>${facts.map(([k, v]) => `<dt>${k}</dt><dd><code>${escapeHtml(v)}</code></dd>`).join('')}</dl>`,
    `<details><summary>the whole provenance record (JSON)</summary>`,
    `<p class="copy" hidden><button type="button" data-copy="${id}">copy</button></p>`,
    `<pre id="${id}">${escapeHtml(JSON.stringify(p, null, 2))}</pre></details>`,
  ].join('\n');
}

function summaryBlock(section: ReportSection): string {
  const outputs = section.outputs.map(o => {
    const piece = o.piece === null ? '' : ` (${escapeHtml(o.piece)})`;
    return `<li><code>${escapeHtml(o.path)}</code>${piece}: ${grouped(o.rows)} clips</li>`;
  });
  const eligible = section.words.eligible;
  const splits = section.splits.map(s => {
    const cells = [s.classes, s.selected, ...(eligible === null ? [] : [s.eligible])].map(numberCell);
    return `<tr>${element('th', { scope: 'row' }, escapeHtml(s.split))}${cells.join('')}</tr>`;
  });
  const head = ['classes', section.words.selected, ...(eligible === null ? [] : [eligible])]
    .map(word => element('th', { class: 'n' }, escapeHtml(word)))
    .join('');
  return [
    `<p>${escapeHtml(section.sentence).replace(/`([^`]*)`/g, '<code>$1</code>')}</p>`,
    outputs.length === 0 ? '' : `<ul>${outputs.join('')}</ul>`,
    splits.length === 0
      ? ''
      : `<table class="splits"><thead><tr><th>split</th>${head}</tr></thead><tbody>${splits.join('')}</tbody></table>`,
  ].join('\n');
}

function droppedBlock(section: ReportSection): string {
  if (section.dropped.length === 0) return '';
  const rows = section.dropped.map(
    d => `<tr><th scope="row"><code>${escapeHtml(d.filter)}</code></th>${numberCell(d.removed)}</tr>`,
  );
  return [
    '<h3>Clips each filter dropped</h3>',
    '<table><thead><tr><th>filter</th><th class="n">clips dropped</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
  ].join('\n');
}

function sectionHtml(section: ReportSection, i: number, titled: boolean): string {
  return [
    titled ? `<h2 id="s${i}">${escapeHtml(section.name)}</h2>` : '',
    summaryBlock(section),
    '<h3>Classes</h3>',
    classTable(section, `classes-${i}`),
    section.histograms.length === 0
      ? ''
      : `<h3>Probed clips</h3>\n<div class="histograms">${section.histograms.map(histogramSvg).join('\n')}</div>`,
    droppedBlock(section),
    provenanceBlock(section, `provenance-${i}`),
  ]
    .filter(part => part !== '')
    .join('\n');
}

/**
 * One self-contained page: inline CSS, inline SVG, a few lines of inline script for sorting and copying,
 * nothing from the network, and no date, so the same slice always gives the same bytes.
 */
export function renderHtmlPage(title: string, sections: readonly ReportSection[]): string {
  const several = sections.length > 1;
  const nav = several
    ? `<nav><ul>${sections.map((s, i) => `<li><a href="#s${i}">${escapeHtml(s.name)}</a></li>`).join('')}</ul></nav>`
    : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="tool">${TOOL_NAME} ${TOOL_VERSION}</p>`,
    nav,
    ...sections.map((s, i) => sectionHtml(s, i, several)),
    `<script>${SCRIPT}</script>`,
    '</body></html>\n',
  ]
    .filter(part => part !== '')
    .join('\n');
}
