import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDuck } from '../../src/engine/duckdb.js';
import { literalTable, STRATUM_COLUMNS } from '../../src/engine/literal-table.js';

// The strata, quotas and labels the DuckDB engine joins its rows to, passed as tables rather than VALUES lists.
describe('a literal table of the DuckDB engine', () => {
  it('holds every value as given: NULLs, quotes, newlines, non-ASCII text and integers', async () => {
    const duck = await openDuck();
    try {
      const rows = [
        [null, "it's", 0],
        ['train', 'a, "b"\nc', 2 ** 31 + 1],
        ['val', 'Café', -3],
      ];
      const columns = [...STRATUM_COLUMNS, { name: 'k', type: 'BIGINT' }] as const;
      const name = await literalTable(duck, 'k400_test', columns, rows);
      const back = await duck.rows(`SELECT split, label, k FROM ${name} ORDER BY k`);
      assert.deepEqual(
        back.map(r => [r.split, r.label, Number(r.k)]),
        [...rows].sort((a, b) => Number(a[2]) - Number(b[2])),
      );
    } finally {
      duck.close();
    }
  });

  // A plan that failed after making its tables (a tie across a quota) leaves them for the next plan's.
  it('is made anew when a table of its name is there already', async () => {
    const duck = await openDuck();
    try {
      const columns = [{ name: 'ordinal', type: 'INTEGER' }] as const;
      await literalTable(duck, 'k400_test', columns, [[1], [2]]);
      await literalTable(duck, 'k400_test', columns, [[7]]);
      const back = await duck.rows('SELECT ordinal, typeof(ordinal) AS type FROM k400_test');
      assert.deepEqual(back, [{ ordinal: 7, type: 'INTEGER' }]);
    } finally {
      duck.close();
    }
  });
});
