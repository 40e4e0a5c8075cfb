import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareSlice } from '../../src/api/slice.js';
import { chooseEngine } from '../../src/engine/choose.js';
import { sliceWithDuckDb } from '../../src/engine/duckdb-slice.js';
import { sliceOptionsSchema } from '../../src/options/slice-options.js';
import { withDuckEvents } from '../helpers/duck-events.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

describe('--engine auto', () => {
  const prepared = (source: string, extra: Record<string, unknown> = {}) =>
    prepareSlice(sliceOptionsSchema.parse({ source, percent: '10', ...extra }));

  it('picks DuckDB for an index of at least the threshold, JavaScript below it and for a root', async () => {
    const dir = tempDir();
    const jsonl = join(dir, 'i.jsonl');
    const parquet = join(dir, 'i.parquet');
    await runMain(['scan', fixture('kinetics-mini'), '-o', jsonl, '-q']);
    await runMain(['scan', fixture('kinetics-mini'), '-o', parquet, '-q']);
    for (const index of [jsonl, parquet]) {
      const { duck, ...choice } = await chooseEngine('auto', prepared(index), { threshold: 80 });
      duck?.close();
      assert.deepEqual(choice, { engine: 'duckdb' });
      assert.deepEqual(await chooseEngine('auto', prepared(index), { threshold: 81 }), { engine: 'js' });
      assert.deepEqual(await chooseEngine('js', prepared(index), { threshold: 1 }), { engine: 'js' });
    }
    assert.deepEqual(await chooseEngine('auto', prepared(fixture('kinetics-mini')), { threshold: 1 }), {
      engine: 'js',
    });
    // Options only the JavaScript engine runs keep auto on it.
    const ids = join(dir, 'ids.txt');
    await import('node:fs').then(fs => fs.writeFileSync(ids, 'x\n'));
    assert.deepEqual(await chooseEngine('auto', prepared(jsonl, { idsFile: [ids] }), { threshold: 1 }), {
      engine: 'js',
    });
  });

  it('hands the DuckDB that read a Parquet header on to the slice, and closes it when JavaScript slices', async () => {
    const dir = tempDir();
    const parquet = join(dir, 'i.parquet');
    await runMain(['scan', fixture('kinetics-mini'), '-o', parquet, '-q']);
    await withDuckEvents(async ({ events: opened }) => {
      assert.deepEqual(await chooseEngine('auto', prepared(parquet), { threshold: 81 }), { engine: 'js' });
      assert.deepEqual(opened, ['duck 1 open', 'duck 1 closed']);
      const choice = await chooseEngine('auto', prepared(parquet), { threshold: 80 });
      assert.equal(choice.engine, 'duckdb');
      const handed = await sliceWithDuckDb(prepared(parquet), parquet, {}, { opened: choice.duck });
      assert.deepEqual(opened, ['duck 1 open', 'duck 1 closed', 'duck 2 open', 'duck 2 closed']);
      // The same selection as a DuckDB of its own gives.
      const own = await sliceWithDuckDb(prepared(parquet), parquet);
      assert.deepEqual(
        handed.preselected.result.rows.map(clip => clip.path),
        own.preselected.result.rows.map(clip => clip.path),
      );
      // Refused before slicing: the handed DuckDB is closed all the same.
      const refused = await chooseEngine('auto', prepared(parquet), { threshold: 80 });
      const annotated = prepared(parquet, { annotations: [fixture('annotations', 'official-with-is-cc.csv')] });
      await assert.rejects(sliceWithDuckDb(annotated, parquet, {}, { opened: refused.duck }), /--annotations/);
      assert.equal(opened.at(-1), 'duck 4 closed');
    });
  });

  it('falls back to JavaScript and says so when DuckDB is missing', async () => {
    const dir = tempDir();
    const jsonl = join(dir, 'i.jsonl');
    await runMain(['scan', fixture('kinetics-mini'), '-o', jsonl, '-q']);
    const choice = await chooseEngine('auto', prepared(jsonl), { threshold: 10, available: async () => false });
    assert.equal(choice.engine, 'js');
    assert.match(choice.note ?? '', /DuckDB is not installed: sliced with the JavaScript engine/);
  });
});
