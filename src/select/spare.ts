import { type Percent, parsePercent } from './percent.js';

/**
 * `--spare S`: clips planned beyond a class's quota, next in key order, so that when some planned clips
 * cannot be downloaded the class can still fill its quota from what was. A percent of the quota (rounded
 * up, so a small quota still gets one) or a count for every class.
 */
export type Spare =
  | { readonly kind: 'percent'; readonly percent: Percent }
  | { readonly kind: 'count'; readonly count: number };

/** Spares of a class whose quota is `quota`: ceil(quota * P / 100), or the count. */
export function sparesFor(quota: number, spare: Spare): number {
  if (spare.kind === 'count') return spare.count;
  const denominator = 100n * 10n ** BigInt(spare.percent.decimals);
  return Number((BigInt(quota) * spare.percent.digits + denominator - 1n) / denominator);
}

/** Each class's quota raised by its spares, never past the clips it has. */
export function withSpares(quotas: readonly number[], sizes: readonly number[], spare: Spare): number[] {
  return quotas.map((quota, i) => Math.min(sizes[i] as number, quota + sparesFor(quota, spare)));
}

/** `20%` -> 20% of the quota, `3` -> three a class; undefined for anything else. */
export function parseSpare(text: string): Spare | undefined {
  const trimmed = text.trim();
  if (trimmed.endsWith('%')) {
    const percent = parsePercent(trimmed.slice(0, -1));
    return percent === undefined || percent.digits === 0n ? undefined : { kind: 'percent', percent };
  }
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed)) || Number(trimmed) === 0) return undefined;
  return { kind: 'count', count: Number(trimmed) };
}

/** How the provenance records it: `20%` or `3`. */
export function describeSpare(spare: Spare): string {
  return spare.kind === 'percent' ? `${spare.percent.text}%` : String(spare.count);
}
