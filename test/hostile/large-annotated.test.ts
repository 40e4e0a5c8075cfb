import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMain } from '../helpers/in-process.js';
import { tempDir } from '../helpers/temp.js';

// More files than one call may take as arguments: the annotated loaders once gathered their files with
// `push(...files)`, which threw "Maximum call stack size exceeded" (exit 70) above about 120,000.
const FILES = 200_000;
const CLASSES = 100;

describe('a class tree of more than 120,000 files with annotations', () => {
  it('is joined and sliced, from a listing of its keys', async () => {
    const dir = tempDir();
    const keys = ['path,size'];
    const rows = ['label,youtube_id,time_start,time_end,split'];
    for (let i = 0; i < FILES; i++) {
      const id = `v${String(i).padStart(10, '0')}`;
      const label = `class ${i % CLASSES}`;
      keys.push(`train/${label}/${id}_000000_000010.mp4,${1000 + i}`);
      rows.push(`"${label}",${id},0,10,train`);
    }
    writeFileSync(join(dir, 'paths.csv'), `${keys.join('\n')}\n`);
    writeFileSync(join(dir, 'train.csv'), `${rows.join('\n')}\n`);
    const run = await runMain([
      'slice',
      join(dir, 'paths.csv'),
      '--prefix',
      's3://bucket/',
      '--annotations',
      join(dir, 'train.csv'),
      '--per-class',
      '3',
      '-o',
      '-',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trimEnd().split('\n').length, 1 + 3 * CLASSES);
    assert.match(run.stderr, /selected 300 clips of 200,000 eligible in 100 classes/);
  });
});
