import { grouped } from '../grouped.js';

const WIDTH = 24;
/** Rates and ETAs from less than this much time are noise: they are not shown yet. */
const SETTLE_MS = 500;

/** Where a long task stands: what the bar shows. */
export interface ProgressState {
  readonly label: string;
  /** What is counted and rated (files found, rows checked). */
  readonly count: number;
  readonly countUnit: string;
  /** Steps done of the total the bar fills with (class folders, rows); no bar while the total is unknown. */
  readonly done?: number | undefined;
  readonly total?: number | undefined;
  readonly totalUnit?: string | undefined;
  readonly elapsedMs: number;
  /** Colour the filled part (a terminal without NO_COLOR). */
  readonly color: boolean;
}

/** `0:07`, `12:30`, `1:02:03`. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * One line: `scanning ██████░░░░ 120/700 folders  45,210 files  3,400 files/s  ETA 0:12`. Without a
 * total it is the count alone. The ETA assumes the rest goes at the pace so far.
 */
export function renderProgress(state: ProgressState): string {
  const { done, total } = state;
  const words: string[] = [];
  let head = `${state.label}:`;
  if (done !== undefined && total !== undefined && total > 0) {
    const filled = Math.min(WIDTH, Math.floor((WIDTH * done) / total));
    const full = '█'.repeat(filled);
    const empty = '░'.repeat(WIDTH - filled);
    head = `${state.label} ${state.color ? `\x1b[32m${full}\x1b[2m${empty}\x1b[0m` : `${full}${empty}`}`;
    words.push(`${grouped(done)}/${grouped(total)} ${state.totalUnit ?? ''}`.trimEnd());
    if (state.countUnit !== state.totalUnit) words.push(`${grouped(state.count)} ${state.countUnit}`);
  } else {
    words.push(`${grouped(state.count)} ${state.countUnit}`);
  }
  if (state.elapsedMs >= SETTLE_MS) {
    const seconds = state.elapsedMs / 1000;
    words.push(`${grouped(Math.round(state.count / seconds))} ${state.countUnit}/s`);
    if (done !== undefined && total !== undefined && done > 0 && done < total)
      words.push(`ETA ${clockText((seconds * (total - done)) / done)}`);
  }
  return `${head} ${words.join('  ')}`;
}
