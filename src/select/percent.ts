/**
 * A percentage kept as an exact decimal (digits and a power of ten), so that 10% of 35 is exactly 3.5
 * and rounds up to 4, and 10% of 30 is exactly 3: floating point would make 0.1 * 30 = 3.0000000000000004.
 */
export interface Percent {
  /** The value as normalized text (`12.5`, `10`), as written to the provenance. */
  readonly text: string;
  readonly digits: bigint;
  /** The percentage is digits / 10^decimals. */
  readonly decimals: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses `10`, `12.5`, `0.25`; undefined for anything else (signs, exponents, empty). */
export function parsePercent(text: string): Percent | undefined {
  const match = DECIMAL.exec(text.trim());
  if (match === null) return undefined;
  const whole = match[1] as string;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const digits = BigInt(whole + fraction);
  const normalized = `${BigInt(whole)}${fraction === '' ? '' : `.${fraction}`}`;
  return { text: normalized, digits, decimals: fraction.length };
}

export function isValidPercent(percent: Percent): boolean {
  return percent.digits > 0n && percent.digits <= 100n * 10n ** BigInt(percent.decimals);
}

/** round_half_up(n * P / 100), computed on integers. */
export function percentOf(n: number, percent: Percent): number {
  const denominator = 100n * 10n ** BigInt(percent.decimals);
  return Number((2n * BigInt(n) * percent.digits + denominator) / (2n * denominator));
}
