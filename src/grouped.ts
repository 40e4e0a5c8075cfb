/**
 * A whole number with commas between groups of three digits, as `n.toLocaleString('en-US')` writes it, without
 * Intl: the first toLocaleString of a process starts ICU's number formatting, 16 to 27 ms of every command that
 * printed or built a message with one. Any other number goes to toLocaleString.
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = text.length; i < digits.length; i += 3) text += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${text}` : text;
}
