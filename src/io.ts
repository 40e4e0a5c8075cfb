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
}

/** Draws a live count on a terminal, at most ten times a second, and erases it when done. */
export function progressLine(io: Io, enabled: boolean, label: string): { update(count: number): void; done(): void } {
  if (!enabled || !io.stderrIsTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(count) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      drawn = true;
      io.stderr(`\r\x1b[K${label}: ${count.toLocaleString('en-US')} files`);
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
