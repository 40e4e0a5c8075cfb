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

/** Thousands separated by commas, whatever the locale of the machine that rendered the page. */
export function countText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
