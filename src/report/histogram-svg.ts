import { grouped } from '../grouped.js';
import type { Histogram } from './histogram.js';
import { element, escapeHtml } from './html-text.js';

const LABEL_WIDTH = 130;
const BAR_WIDTH = 240;
const ROW = 16;

/**
 * A histogram drawn sideways, one row a bin, so bin labels read horizontally: clips of the source as the
 * pale bar, selected clips over it, and both counts after the bar.
 */
export function histogramSvg(histogram: Histogram): string {
  const largest = Math.max(1, ...histogram.bins.map(b => b.all));
  const scale = BAR_WIDTH / largest;
  const width = LABEL_WIDTH + BAR_WIDTH + 110;
  const height = histogram.bins.length * ROW + 4;
  const rows = histogram.bins.map((bin, i) => {
    const y = i * ROW + 2;
    return [
      `<g class="bin"><title>${escapeHtml(`${bin.label}: ${bin.selected} selected of ${bin.all}`)}</title>`,
      `<text x="${LABEL_WIDTH - 6}" y="${y + 11}" text-anchor="end">${escapeHtml(bin.label)}</text>`,
      element('rect', { class: 'eligible', x: LABEL_WIDTH, y, width: bin.all * scale, height: ROW - 3 }),
      element('rect', { class: 'selected', x: LABEL_WIDTH, y: y + 3, width: bin.selected * scale, height: ROW - 9 }),
      element(
        'text',
        { x: LABEL_WIDTH + bin.all * scale + 6, y: y + 11 },
        `${grouped(bin.selected)} / ${grouped(bin.all)}`,
      ),
      '</g>',
    ].join('');
  });
  return [
    `<figure class="histogram"><figcaption>${escapeHtml(histogram.title)}</figcaption>`,
    element('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' }, rows.join('\n')),
    '</figure>',
  ].join('\n');
}
