import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { tempDir } from '../helpers/temp.js';
import { type Row, rowsArb, run, targetOfRow, writeAnnotations, writeDownload } from './plan-helpers.js';

/** The rows of a CSV manifest as records. */
function records(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true });
}

/** How many rows of a CSV manifest each (split, class) holds. */
function perClass(csv: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records(csv)) counts.set(`${r.split}/${r.label}`, (counts.get(`${r.split}/${r.label}`) ?? 0) + 1);
  return counts;
}

const classOf = (row: Row): string => `${row.split ?? ''}/${row.label}`;

const sizeOptions = fc.oneof(
  fc.integer({ min: 1, max: 100 }).map(p => ['--percent', String(p)]),
  fc.integer({ min: 1, max: 8 }).map(n => ['--per-class', String(n)]),
  fc.integer({ min: 1, max: 40 }).map(n => ['--count', String(n), '--stratified', '--allow-fewer']),
);
const spareOption = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map(String),
  fc.integer({ min: 1, max: 100 }).map(p => `${p}%`),
);

describe('--spare', () => {
  it('when at most the spares of a class fail, the downloaded tree slices as a complete one missing them', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArb({ minRows: 1, maxRows: 60 }),
        sizeOptions,
        spareOption,
        fc.array(fc.nat(), { maxLength: 60 }),
        async (rows, size, spare, picks) => {
          const dir = tempDir('k400-spare-');
          const csv = writeAnnotations(dir, rows);
          const quota = await run(['slice', '--annotations', csv, ...size]);
          const plan = await run(['slice', '--annotations', csv, ...size, '--spare', spare]);
          assert.equal(plan.status, 0, plan.stderr);
          const quotas = perClass(quota.stdout);
          const planned = perClass(plan.stdout);
          // Lose up to each class's spares among its planned clips, quota ones included.
          const plannedPaths = new Set(records(plan.stdout).map(r => r.path));
          const byClass = new Map<string, Row[]>();
          for (const row of rows)
            if (plannedPaths.has(targetOfRow(row)))
              byClass.set(classOf(row), [...(byClass.get(classOf(row)) ?? []), row]);
          const lost = new Set<Row>();
          let at = 0;
          for (const [name, list] of byClass) {
            const spares = (planned.get(name) ?? 0) - (quotas.get(name) ?? 0);
            for (let i = 0; i < spares; i++) lost.add(list[(picks[at++] ?? 0) % list.length] as Row);
          }
          const downloaded = join(dir, 'downloaded');
          const complete = join(dir, 'complete');
          writeDownload(
            downloaded,
            rows.filter(r => plannedPaths.has(targetOfRow(r)) && !lost.has(r)),
          );
          writeDownload(
            complete,
            rows.filter(r => !lost.has(r)),
          );
          const fromDownload = await run(['slice', downloaded, '--annotations', csv, '--threads', '1', ...size]);
          const fromComplete = await run(['slice', complete, '--annotations', csv, '--threads', '1', ...size]);
          assert.equal(fromDownload.status, fromComplete.status, fromDownload.stderr);
          assert.equal(fromDownload.stdout, fromComplete.stdout);
          // Every class got its quota back: the spares filled in for what was lost.
          if (fromDownload.status === 0) assert.deepEqual(perClass(fromDownload.stdout), quotas);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('--count N: when at most S clips fail in all, S a class, the download slices as a complete one', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArb({ minRows: 1, maxRows: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (rows, count, spare, picks) => {
          const dir = tempDir('k400-spare-');
          const csv = writeAnnotations(dir, rows);
          const size = ['--count', String(count), '--allow-fewer'];
          const plan = await run(['slice', '--annotations', csv, ...size, '--spare', String(spare)]);
          assert.equal(plan.status, 0, plan.stderr);
          const plannedPaths = new Set(records(plan.stdout).map(r => r.path));
          const planned = rows.filter(r => plannedPaths.has(targetOfRow(r)));
          const lost = new Set(picks.slice(0, spare).map(p => planned[p % planned.length] as Row));
          const downloaded = join(dir, 'downloaded');
          const complete = join(dir, 'complete');
          writeDownload(
            downloaded,
            planned.filter(r => !lost.has(r)),
          );
          writeDownload(
            complete,
            rows.filter(r => !lost.has(r)),
          );
          const fromDownload = await run(['slice', downloaded, '--annotations', csv, '--threads', '1', ...size]);
          const fromComplete = await run(['slice', complete, '--annotations', csv, '--threads', '1', ...size]);
          assert.equal(fromDownload.status, fromComplete.status, fromDownload.stderr);
          assert.equal(fromDownload.stdout, fromComplete.stdout);
        },
      ),
      { numRuns: 40 },
    );
  });
});
