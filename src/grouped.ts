/**
 * A number with commas between groups of three digits of its whole part, whatever the locale of the machine:
 * for whole numbers what `n.toLocaleString('en-US')` writes, without Intl (the first toLocaleString of a process
 * starts ICU's number formatting, 16 to 27 ms of every command that printed or built a message with one). The
 * one grouping of counts for messages, summaries, progress and the HTML page.
 */
export function grouped(n: number): string {
  return String(n).replace(/^-?\d+/, whole => whole.replace(/\B(?=(\d{3})+$)/g, ','));
}
