import { grouped } from '../grouped.js';
/** Text made safe for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A length in SVG user units, with one decimal at most, so the bytes do not depend on float noise. */
export function svgNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `12.3%`: a share as the page shows it. */
export function percentText(share: number): string {
  return `${String(Math.round(share * 1000) / 10)}%`;
}

/**
 * `<name a="1">content</name>`, or `<name a="1"/>` without content. Attribute values are escaped; numbers are
 * written as SVG lengths. Content is HTML already.
 */
export function element(name: string, attributes: Record<string, string | number>, content?: string): string {
  const written = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? svgNumber(value) : escapeHtml(value)}"`)
    .join('');
  return content === undefined ? `<${name}${written}/>` : `<${name}${written}>${content}</${name}>`;
}

/** A right-aligned table cell of a count (or of text already HTML). */
export function numberCell(value: number | string): string {
  return element('td', { class: 'n' }, typeof value === 'number' ? grouped(value) : value);
}
