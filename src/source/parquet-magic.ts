import { closeSync, openSync, readSync } from 'node:fs';

// A module of its own, importing nothing heavy: the command line asks it of its arguments before the program's
// modules load (see engine/early-duck.ts).

/** True when the file starts with Parquet's magic bytes. */
export function isParquetFile(path: string): boolean {
  const buffer = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, buffer, 0, 4, 0) === 4 && buffer.toString('latin1') === 'PAR1';
  } finally {
    closeSync(fd);
  }
}
