/**
 * How many clips of each class each part of `--splits` gets (rule v2). Each class gives each part the floor
 * or the ceiling of its exact share, and the ceilings go, class after class, to the parts furthest behind
 * their share of everything given so far: remainders carry across classes, as shards do, so each part's
 * total ends within one clip of its share of the whole. `sizes` are the classes' clip counts in order;
 * `weights` are integers. Returns, for each class, the count of each part.
 */
export function shareAcrossParts(sizes: readonly number[], weights: readonly number[]): number[][] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const given = weights.map(() => 0);
  let seen = 0;
  const counts: number[][] = [];
  const raised: boolean[][] = [];
  for (const n of sizes) {
    const floors = weights.map(w => Math.floor((n * w) / sum));
    let left = n - floors.reduce((a, b) => a + b, 0);
    seen += n;
    // In units of 1/sum clip: how far each part would be ahead of its share with the floors alone.
    const ahead = weights.map((w, p) => ((given[p] as number) + (floors[p] as number)) * sum - seen * w);
    const candidates = weights.map((_, p) => p).filter(p => (n * (weights[p] as number)) % sum !== 0);
    candidates.sort((a, b) => (ahead[a] as number) - (ahead[b] as number) || a - b);
    const up = weights.map(() => false);
    for (const p of candidates) {
      if (left === 0) break;
      up[p] = true;
      floors[p] = (floors[p] as number) + 1;
      left -= 1;
    }
    floors.forEach((count, p) => {
      given[p] = (given[p] as number) + count;
    });
    counts.push(floors);
    raised.push(up);
  }
  repair(counts, raised, sizes, weights, given, seen);
  return counts;
}

/**
 * The greedy above very rarely leaves a part more than one clip off its share; moving a ceiling of one class
 * from the part furthest ahead to the part furthest behind (where that class may round up) fixes it without
 * moving any class off its own floor or ceiling.
 */
function repair(
  counts: number[][],
  raised: boolean[][],
  sizes: readonly number[],
  weights: readonly number[],
  given: number[],
  total: number,
): void {
  const sum = weights.reduce((a, b) => a + b, 0);
  for (let round = 0; round < sizes.length * weights.length; round++) {
    const off = weights.map((w, p) => (given[p] as number) * sum - total * w);
    const p = off.indexOf(Math.max(...off));
    const q = off.indexOf(Math.min(...off));
    if ((off[p] as number) <= sum && (off[q] as number) >= -sum) return;
    const c = sizes.findIndex(
      (n, i) => raised[i]?.[p] === true && raised[i]?.[q] !== true && (n * (weights[q] as number)) % sum !== 0,
    );
    if (c < 0) return;
    const row = counts[c] as number[];
    const up = raised[c] as boolean[];
    row[p] = (row[p] as number) - 1;
    row[q] = (row[q] as number) + 1;
    up[p] = false;
    up[q] = true;
    given[p] = (given[p] as number) - 1;
    given[q] = (given[q] as number) + 1;
  }
}
