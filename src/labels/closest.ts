import { compareCodePoints } from '../clip.js';
/**
 * "Did you mean" candidates: the names nearest to `wanted` by edit distance over lower-cased, underscore-free
 * spellings, at most `limit` of them, nearest first (ties in code-point order of the name).
 */
export function closestNames(wanted: string, names: readonly string[], limit = 3): string[] {
  const target = loosen(wanted);
  const budget = Math.max(2, Math.floor(target.length / 3));
  return names
    .map(name => ({ name, distance: editDistance(target, loosen(name)) }))
    .filter(c => c.distance <= budget || loosen(c.name).includes(target))
    .sort((a, b) => a.distance - b.distance || compareCodePoints(a.name, b.name))
    .slice(0, limit)
    .map(c => c.name);
}

function loosen(name: string): string {
  return name
    .toLowerCase()
    .replace(/[_\s'()]+/g, ' ')
    .trim();
}

/** Levenshtein distance with a single rolling row. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}
