import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * An unexpected error's stack with each frame in a file that has a source map beside it (the bundle the bin runs,
 * dist/bundle/) followed back to the TypeScript line it was built from, so that a bug report names
 * `src/cli.ts:93:11` rather than a chunk of the bundle. Node does this itself under `--enable-source-maps`, but
 * then reads the map of every module it loads: about 10 ms more CPU at every start-up, 20-40 ms when DuckDB's
 * callers load. This reads maps only when a bug is reported. A frame without a map, or outside what its map
 * covers, is kept as it is.
 */
export function mapStack(stack: string): string {
  const maps = new Map<string, SourceMap | null>();
  // A file URL escapes spaces but not parentheses, which a folder's name may hold: the URL runs to the first
  // `.js:LINE:COLUMN`, not to the first parenthesis.
  return stack.replace(/(file:\/\/\S+?\.js):(\d+):(\d+)/g, (frame, url: string, line: string, column: string) => {
    let map = maps.get(url);
    if (map === undefined) {
      map = readMap(url);
      maps.set(url, map);
    }
    const entry = map?.findEntry(Number(line) - 1, Number(column) - 1);
    if (entry === undefined || !('originalSource' in entry)) return frame;
    const source = new URL(entry.originalSource, url);
    const shown = source.protocol === 'file:' ? fileURLToPath(source) : source.href;
    return `${shown}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

function readMap(url: string): SourceMap | null {
  try {
    const file = `${fileURLToPath(url)}.map`;
    return new SourceMap(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null; // no map beside it (dist/src, Node's own files): the frame stays as Node wrote it
  }
}
