import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Positional reads of one open file: probes read headers only, never a whole video. */
export class FileReader {
  readonly size: number;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /** Up to `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, this.size - position)));
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** What a header probe learned about a video. Values are null where the container does not say. */
export interface ProbeInfo {
  readonly status: 'ok' | 'corrupt' | 'unsupported';
  /** Why a probe is not ok, in a few words. */
  readonly reason: string | null;
  readonly duration_s: number | null;
  readonly fps: number | null;
  readonly num_frames: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly codec: string | null;
}

export const NO_VALUES = {
  duration_s: null,
  fps: null,
  num_frames: null,
  width: null,
  height: null,
  codec: null,
} as const;

export function corrupt(reason: string): ProbeInfo {
  return { status: 'corrupt', reason, ...NO_VALUES };
}

export function unsupported(reason: string): ProbeInfo {
  return { status: 'unsupported', reason, ...NO_VALUES };
}

/** Rounds to 6 decimals: what the manifest keeps, and what comparisons with ffprobe use. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
