import { framesOf } from '../api/slice.js';
import { type Clip, compareCodePoints } from '../clip.js';
import type { ProbeInfo } from '../probe/reader.js';
import type { ClipRows } from '../select/clip-rows.js';

/** One bin: its label, how many clips of the source fall in it, and how many of those were selected. */
export interface Bin {
  readonly label: string;
  readonly all: number;
  readonly selected: number;
}

export interface Histogram {
  readonly title: string;
  readonly bins: readonly Bin[];
}

const BINS = 20;
const RESOLUTIONS = 12;

/** Two decimals at most, no trailing zeros: the same text on every machine. */
export function shortNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

/**
 * Equal-width bins from the smallest to the largest value. Whole-number data (frames) gets whole-number
 * edges, so a bin never reads `16.35-17.2 frames`.
 */
export function numericBins(all: readonly number[], selected: readonly number[], whole: boolean): Bin[] {
  if (all.length === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of all) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  let count = 1;
  let width = 1;
  if (span > 0) {
    count = Math.min(BINS, whole ? span + 1 : BINS);
    width = whole ? Math.ceil((span + 1) / count) : span / count;
  }
  const index = (v: number): number => Math.min(count - 1, Math.floor((v - min) / width));
  const tally = (values: readonly number[]): number[] => {
    const counts = new Array<number>(count).fill(0);
    for (const v of values) counts[index(v)] = (counts[index(v)] ?? 0) + 1;
    return counts;
  };
  const a = tally(all);
  const s = tally(selected);
  return a.map((n, i) => {
    const low = min + i * width;
    const high = whole ? low + width - 1 : low + width;
    const label = whole && width === 1 ? String(low) : `${shortNumber(low)}-${shortNumber(high)}`;
    return { label, all: n, selected: s[i] ?? 0 };
  });
}

/** The most common resolutions, largest count first (ties by name), the rest summed as `other`. */
export function resolutionBins(all: readonly string[], selected: readonly string[]): Bin[] {
  const counts = new Map<string, { all: number; selected: number }>();
  const entry = (key: string): { all: number; selected: number } => {
    let found = counts.get(key);
    if (found === undefined) {
      found = { all: 0, selected: 0 };
      counts.set(key, found);
    }
    return found;
  };
  for (const r of all) entry(r).all += 1;
  for (const r of selected) entry(r).selected += 1;
  const sorted = [...counts].sort(([ka, a], [kb, b]) => b.all - a.all || compareCodePoints(ka, kb));
  const bins = sorted.slice(0, RESOLUTIONS).map(([label, n]) => ({ label, ...n }));
  const rest = sorted.slice(RESOLUTIONS);
  if (rest.length > 0)
    bins.push({
      label: `other (${rest.length})`,
      all: rest.reduce((n, [, c]) => n + c.all, 0),
      selected: rest.reduce((n, [, c]) => n + c.selected, 0),
    });
  return bins;
}

/**
 * Duration, frame count and resolution of the probed clips; none when nothing was probed. The source's rows
 * are read through one reused view: only their probes are kept.
 */
export function probeHistograms(table: ClipRows, selected: readonly Clip[]): Histogram[] {
  const all: ProbeInfo[] = [];
  for (let row = 0; row < table.rows; row++) {
    const probe = table.look(row).probe;
    if (probe?.status === 'ok') all.push(probe);
  }
  if (all.length === 0) return [];
  const chosen = selected.flatMap(c => (c.probe?.status === 'ok' ? [c.probe] : []));
  const values = (list: ProbeInfo[], of: (p: ProbeInfo) => number | null): number[] =>
    list.map(of).filter((v): v is number => v !== null);
  const duration = (p: ProbeInfo): number | null => p.duration_s ?? null;
  const frames = (p: ProbeInfo): number | null => framesOf(p);
  const resolution = (p: ProbeInfo): string | null =>
    p.width == null || p.height == null ? null : `${p.width}x${p.height}`;
  const strings = (list: ProbeInfo[]): string[] => list.map(resolution).filter((v): v is string => v !== null);
  return [
    { title: 'duration (s)', bins: numericBins(values(all, duration), values(chosen, duration), false) },
    { title: 'frames', bins: numericBins(values(all, frames), values(chosen, frames), true) },
    { title: 'resolution', bins: resolutionBins(strings(all), strings(chosen)) },
  ].filter(h => h.bins.length > 0);
}
