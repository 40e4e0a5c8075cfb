import { grouped } from '../grouped.js';
import { element, escapeHtml, numberCell, percentText, svgNumber } from './html-text.js';
import { type ClassRow, LOSS_THRESHOLD, type ReportSection } from './model.js';

const BAR_WIDTH = 220;
const BAR_HEIGHT = 14;
/** Colours of parts and shards; more pieces than colours reuse them in turn. */
export const PIECE_COLOURS = ['#3366cc', '#dc8a00', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00', '#8a5a2b'];

function pieceColour(i: number): string {
  return PIECE_COLOURS[i % PIECE_COLOURS.length] as string;
}

/**
 * One bar a class: eligible clips as the pale bar, selected clips on top of it (stacked by part or shard
 * when there are several). One small SVG a table row, so 700 classes scroll as 700 readable rows.
 */
function barSvg(row: ClassRow, scale: number, section: ReportSection): string {
  const width = (n: number): string => svgNumber(n * scale);
  const title = `${row.label}: ${row.selected} ${section.words.selected}${
    section.words.eligible === null ? '' : ` of ${row.eligible} ${section.words.eligible}`
  }`;
  const shapes = [`<title>${escapeHtml(title)}</title>`];
  if (section.words.eligible !== null)
    shapes.push(`<rect class="eligible" x="0" y="1" width="${width(row.eligible)}" height="${BAR_HEIGHT - 2}"/>`);
  if (row.pieces.length === 0) {
    shapes.push(`<rect class="selected" x="0" y="3" width="${width(row.selected)}" height="${BAR_HEIGHT - 6}"/>`);
  } else {
    let x = 0;
    row.pieces.forEach((n, i) => {
      if (n > 0)
        shapes.push(
          element('rect', {
            class: 'selected',
            style: `fill:${pieceColour(i)}`,
            x: x * scale,
            y: 3,
            width: n * scale,
            height: BAR_HEIGHT - 6,
          }),
        );
      x += n;
    });
  }
  const box = { class: 'bar', width: BAR_WIDTH, height: BAR_HEIGHT, viewBox: `0 0 ${BAR_WIDTH} ${BAR_HEIGHT}` };
  return element('svg', { ...box, role: 'img' }, shapes.join(''));
}

const LOSS_COLUMNS = [
  ['missing', 'missing'],
  ['zero_byte', 'zero-byte'],
  ['corrupt', 'corrupt'],
  ['unannotated', 'unannotated'],
] as const;

/** The sortable table of classes, with its totals in the footer. */
export function classTable(section: ReportSection, id: string): string {
  const hasEligible = section.words.eligible !== null;
  const totalLoss = (key: (typeof LOSS_COLUMNS)[number][0]): number =>
    section.classes.reduce((n, c) => n + (c.loss?.[key] ?? 0), 0);
  // Only what the reconciliation found: a class tree without annotations has no missing clips to show.
  const lossColumns = LOSS_COLUMNS.filter(([key]) => totalLoss(key) > 0);
  const hasLoss = lossColumns.length > 0;
  const largest = Math.max(1, ...section.classes.map(c => (hasEligible ? c.eligible : c.selected)));
  const scale = BAR_WIDTH / largest;
  const head = [
    '<th scope="col">class</th>',
    element(
      'th',
      { scope: 'col' },
      escapeHtml(`${section.words.selected} vs ${section.words.eligible ?? 'largest class'}`),
    ),
    `<th scope="col" class="n">${escapeHtml(section.words.selected)}</th>`,
    ...(hasEligible ? [`<th scope="col" class="n">${escapeHtml(section.words.eligible as string)}</th>`] : []),
    ...section.pieces.map(
      (p, i) =>
        `<th scope="col" class="n"><span class="key" style="background:${pieceColour(i)}"></span>${escapeHtml(p)}</th>`,
    ),
    ...(hasLoss
      ? [
          ...lossColumns.map(([, word]) => `<th scope="col" class="n">${word}</th>`),
          '<th scope="col" class="n">lost</th>',
        ]
      : []),
  ];
  const numbers = (row: Pick<ClassRow, 'selected' | 'eligible' | 'pieces' | 'loss'>, share = true): string[] => [
    numberCell(row.selected),
    ...(hasEligible ? [numberCell(row.eligible)] : []),
    ...row.pieces.map(numberCell),
    ...(hasLoss
      ? [
          ...lossColumns.map(([key]) => numberCell(row.loss === null ? '' : row.loss[key])),
          numberCell(row.loss === null || !share ? '' : percentText(row.loss.share)),
        ]
      : []),
  ];
  const body = section.classes.map(row => {
    const lossy = row.loss !== null && row.loss.share > LOSS_THRESHOLD;
    const attributes = {
      'data-name': row.label,
      'data-selected': row.selected,
      'data-eligible': row.eligible,
      ...(lossy ? { class: 'lossy' } : {}),
    };
    const cells = [element('th', { scope: 'row' }, escapeHtml(row.label)), `<td>${barSvg(row, scale, section)}</td>`];
    return element('tr', attributes, [...cells, ...numbers(row)].join(''));
  });
  const footer = numbers(
    {
      selected: section.totals.selected,
      eligible: section.totals.eligible,
      pieces: section.pieces.map((_, i) => section.classes.reduce((n, c) => n + (c.pieces[i] ?? 0), 0)),
      loss: hasLoss
        ? {
            missing: totalLoss('missing'),
            zero_byte: totalLoss('zero_byte'),
            corrupt: totalLoss('corrupt'),
            unannotated: totalLoss('unannotated'),
            share: 0,
          }
        : null,
    },
    false,
  );
  const sorters = [
    ['name', 'by name'],
    ['selected', `by ${section.words.selected}`],
    ...(hasEligible ? [['eligible', `by ${section.words.eligible}`]] : []),
  ]
    .map(
      ([key, word]) =>
        `<button type="button" data-table="${id}" data-sort="${key}">${escapeHtml(word as string)}</button>`,
    )
    .join(' ');
  // The buttons need the script: they stay hidden until it runs, so a viewer without scripts shows none.
  const legend = hasLoss ? `<p>Rows in red lost more than ${percentText(LOSS_THRESHOLD)} of their clips.</p>` : '';
  return [
    `<p class="sorters" hidden>Sort ${sorters}</p>${legend}`,
    `<div class="chart"><table id="${id}" class="classes"><thead><tr>${head.join('')}</tr></thead>`,
    `<tbody>${body.join('\n')}</tbody>`,
    `<tfoot><tr><th scope="row">total (${grouped(section.classes.length)} classes)</th>`,
    `<td></td>${footer.join('')}</tr>`,
    '</tfoot></table></div>',
  ].join('\n');
}
