import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/errors.js';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/temp.js';

describe('scan once, slice many times', () => {
  const cases: [string, string[]][] = [
    ['kinetics-mini', ['--percent', '30', '--seed', 'a', '--format', 'json']],
    ['kinetics-mini', ['--split', 'val', '--per-class', '1', '--format', 'json']],
    ['kinetics-mini', ['--count', '9', '--stratified', '--shuffle']],
    ['cvdf-mini', ['--split', 'train', '--percent', '50', '--format', 'json']],
    ['cvdf-mini', ['--count', '7', '--format', 'json']],
    ['cvdf-mini', ['--split', 'test', '--count', '2', '--format', 'json']],
  ];
  for (const [root, options] of cases) {
    it(`gives byte-identical manifests from the index: ${root} ${options.join(' ')}`, async () => {
      const dir = tempDir();
      const index = join(dir, 'index.jsonl');
      const scan = await runMain(['scan', `fixtures/${root}`, '-o', index, '-q']);
      assert.equal(scan.status, 0, scan.stderr);
      const fromRoot = await runMain(['slice', `fixtures/${root}`, ...options]);
      const fromIndex = await runMain(['slice', index, ...options]);
      assert.equal(fromRoot.status, 0, fromRoot.stderr);
      assert.equal(fromIndex.stdout, fromRoot.stdout);
      assert.equal(fromIndex.stderr.replace(`index ${index} of `, ''), fromRoot.stderr);
    });
  }

  it('refuses an index that was cut short or has a broken line, naming the line', async () => {
    const { loadSource } = await import('../../src/source/load.js');
    const dir = tempDir();
    const index = join(dir, 'index.jsonl');
    assert.equal((await runMain(['scan', 'fixtures/kinetics-mini', '-o', index, '-q'])).status, 0);
    const lines = readFileSync(index, 'utf8').split('\n');
    writeFileSync(index, lines.slice(0, 10).join('\n'));
    await assert.rejects(
      loadSource(index),
      (e: unknown) => e instanceof DatasetError && /the header counts 80 clips but 9 follow/.test(e.message),
    );
    writeFileSync(
      index,
      [
        lines[0],
        ...lines.slice(1, 81).map((line, i) => (i === 4 ? line.replace('"size_bytes":', '"size_bytes":-') : line)),
      ].join('\n'),
    );
    await assert.rejects(
      loadSource(index),
      (e: unknown) => e instanceof DatasetError && /line 6, field size_bytes/.test(e.message),
    );
  });
});
