// What the bench's parts share: the median of runs, and the word printed beside a target.

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export const verdict = (ok: boolean): string => (ok ? 'meets' : 'misses');
