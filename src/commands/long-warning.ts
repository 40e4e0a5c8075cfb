/** How many items of a listing warning are named on stderr; the rest are counted. */
const SHOWN = 5;

/**
 * A warning that ends in a long list (`...: a (1), b (2), ...`; 385 class names made one warning of 9,660
 * characters) names its first few items, the count, and where the full list is: the `--report` file when
 * there is one (it holds every warning whole), else how to get one. Short warnings are left as they are.
 */
export function abbreviateWarning(warning: string, report: string | undefined): string {
  const colon = warning.indexOf(': ');
  if (colon < 0) return warning;
  const items = warning.slice(colon + 2).split(', ');
  if (items.length <= SHOWN + 1) return warning;
  const where = report === undefined ? 'add --report FILE for the full list' : `all of them in ${report}`;
  const rest = items.length - SHOWN;
  return `${warning.slice(0, colon)}: ${items.slice(0, SHOWN).join(', ')} and ${rest} more (${where})`;
}
