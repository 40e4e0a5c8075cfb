import type { ClipRows } from '../select/clip-rows.js';

/**
 * The clips' paths as a set, built on the first lookup. The commit asks only when an output lies inside the
 * dataset root, which almost no run does: building 650,000 paths up front cost a second and 80 MB each slice.
 */
export function clipPathSet(table: ClipRows): Pick<ReadonlySet<string>, 'has'> {
  let paths: Set<string> | undefined;
  return {
    has: path => {
      if (paths === undefined) {
        paths = new Set();
        for (let row = 0; row < table.rows; row++) paths.add(table.look(row).path);
      }
      return paths.has(path);
    },
  };
}
