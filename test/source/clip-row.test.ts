import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/errors.js';
import { clipRowFields } from '../../src/manifest/clip-row.js';
import { manifestClipSchema } from '../../src/manifest/schema.js';
import { indexClipSchema, readIndex } from '../../src/source/index-file.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

describe('one clip-row schema for the index and the manifest readers', () => {
  it('gives both every shared column, the same schema object', () => {
    const fields = clipRowFields();
    const index = indexClipSchema();
    assert.equal(clipRowFields(), fields, 'made once');
    assert.equal(indexClipSchema(), index, 'made once');
    for (const [column, field] of Object.entries(fields)) {
      assert.equal(index.shape[column as keyof typeof fields], field, column);
      assert.equal(manifestClipSchema.shape[column as keyof typeof fields], field, column);
    }
    const own = (shape: object): string[] => Object.keys(shape).filter(key => !(key in fields));
    assert.deepEqual(own(manifestClipSchema.shape), ['label_index']);
    assert.deepEqual(own(index.shape), ['mtime_ms', 'probe', 'probe_reason']);
  });

  it('holds an index line to the rules of a manifest row: a negative time is damage', async () => {
    const index = join(tempDir(), 'i.jsonl');
    assert.equal((await runMain(['scan', fixture('kinetics-mini'), '-o', index, '-q'])).status, 0);
    const lines = readFileSync(index, 'utf8').split('\n');
    lines[1] = (lines[1] as string).replace(/"time_start":\d+/, '"time_start":-5');
    writeFileSync(index, lines.join('\n'));
    assert.throws(
      () => readIndex(index, 'i.jsonl'),
      (e: unknown) =>
        e instanceof DatasetError && /^index i\.jsonl is damaged: line 2, field time_start:/.test(e.message),
    );
  });
});
