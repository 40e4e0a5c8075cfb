import type { EarlyDuck } from './engine/early-duck.js';
import { renderProgress } from './report/progress-bar.js';

/** The process's streams as the commands see them; `cli.ts` makes the real one, tests make fakes. */
export interface Io {
  stdout(text: string): void;
  /**
   * Resolves when everything given to `stdout` so far has been written, and rejects (a typed error) when a write
   * failed (`> /dev/full`): a command awaits it before saying it succeeded. Fakes may leave it out.
   */
  flush?(): Promise<void>;
  stderr(text: string): void;
  /** True when stderr is a terminal: the only case in which progress is drawn. */
  readonly stderrIsTTY: boolean;
  readonly cwd: string;
  /** False when NO_COLOR is set: progress is drawn without colour. Default: colour. */
  readonly color?: boolean | undefined;
  /** Milliseconds from any fixed start, for rates and ETAs; tests give a fake clock. Default: Date.now. */
  readonly now?: (() => number) | undefined;
  /** The DuckDB the command line opened for a slice of a Parquet index (engine/early-duck.ts), for it to take. */
  readonly earlyDuck?: EarlyDuck | undefined;
}

/** A live progress line; the callbacks of scans, verify and materialize feed `update`. */
export interface ProgressLine {
  /** `count` is what is rated (files, rows); `done` of `total` fills the bar once the total is known. */
  update(count: number, done?: number, total?: number): void;
  done(): void;
}

/**
 * Draws a progress bar with count, rate and ETA on a terminal, at most ten times a second, and erases it
 * when done. Never on a pipe, never when disabled (--quiet).
 */
export function progressLine(
  io: Io,
  enabled: boolean,
  label: string,
  units: { readonly count: string; readonly total?: string } = { count: 'files', total: 'folders' },
): ProgressLine {
  if (!enabled || !io.stderrIsTTY) return { update: () => undefined, done: () => undefined };
  const now = io.now ?? Date.now;
  const start = now();
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(count, done, total) {
      const at = now();
      if (at - last < 100) return;
      last = at;
      drawn = true;
      const line = renderProgress({
        label,
        count,
        countUnit: units.count,
        done,
        total,
        totalUnit: units.total,
        elapsedMs: at - start,
        color: io.color !== false,
      });
      io.stderr(`\r\x1b[K${line}`);
    },
    done() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

/** Writes data to stdout and waits until it is written: a failure is an error before any summary is printed. */
export async function writeData(io: Io, text: string): Promise<void> {
  io.stdout(text);
  await io.flush?.();
}
