import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareSlice } from '../../src/api/slice.js';
import { chooseEngine } from '../../src/engine/choose.js';
import { sliceOptionsSchema } from '../../src/options/slice-options.js';
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
      assert.deepEqual(await chooseEngine('auto', prepared(index), { threshold: 80 }), { engine: 'duckdb' });
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

  it('falls back to JavaScript and says so when DuckDB is missing', async () => {
    const dir = tempDir();
    const jsonl = join(dir, 'i.jsonl');
    await runMain(['scan', fixture('kinetics-mini'), '-o', jsonl, '-q']);
    const choice = await chooseEngine('auto', prepared(jsonl), { threshold: 10, available: async () => false });
    assert.equal(choice.engine, 'js');
    assert.match(choice.note ?? '', /DuckDB is not installed: sliced with the JavaScript engine/);
  });
});
