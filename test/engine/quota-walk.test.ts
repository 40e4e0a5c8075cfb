import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuotaMismatch, QuotaWalk } from '../../src/engine/duckdb-slice.js';

// The check of the rows DuckDB hands back: each stratum whole, in the strata's order, with its quota. Rows come
// one at a time (streamed) or as runs, a block's count of each stratum (joined lines).
describe('the walk that checks the strata of the rows DuckDB gives', () => {
  const quotas = [{ n: 3 }, { n: 2 }, { n: 4 }];

  it('takes rows one at a time, or in runs split anywhere across blocks', () => {
    const one = new QuotaWalk(quotas);
    for (const s of [0, 0, 0, 1, 1, 2, 2, 2, 2]) one.next(s);
    one.end();
    const runs = new QuotaWalk(quotas);
    for (const [s, rows] of [
      [0, 2],
      [0, 1],
      [1, 2],
      [2, 1],
      [2, 3],
    ] as const)
      runs.take(s, rows);
    runs.end();
  });

  // Each case: the runs (stratum, rows) handed over, in order, before the walk ends.
  const refused: [string, [number | null, number][]][] = [
    ['a stratum out of order', [[1, 2]]],
    ['a run past its quota', [[0, 4]]],
    [
      'a stratum left short',
      [
        [0, 2],
        [1, 2],
      ],
    ],
    [
      'a stratum skipped',
      [
        [0, 3],
        [2, 4],
      ],
    ],
    [
      'a stratum that is not there',
      [
        [0, 3],
        [1, 2],
        [2, 4],
        [3, 1],
      ],
    ],
    ['a run of no rows', [[0, 0]]],
    ['a row of no stratum', [[null, 1]]],
    [
      'rows missing at the end',
      [
        [0, 3],
        [1, 2],
        [2, 3],
      ],
    ],
  ];
  for (const [name, runs] of refused)
    it(`refuses ${name}`, () => {
      assert.throws(() => {
        const walk = new QuotaWalk(quotas);
        for (const [stratum, rows] of runs) walk.take(stratum, rows);
        walk.end();
      }, QuotaMismatch);
    });

  it('takes no rows at all when every quota is 0 strata long', () => {
    new QuotaWalk([]).end();
    assert.throws(() => new QuotaWalk([]).next(0), QuotaMismatch);
  });
});
