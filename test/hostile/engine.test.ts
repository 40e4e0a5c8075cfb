import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDuck } from '../../src/engine/duckdb.js';
import { hostileSuite } from '../helpers/hostile.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');
const ALL_CLASSES = [
  'abseiling',
  'air drumming',
  'hurling (sport)',
  "massaging person's head",
  'passing American football (in game)',
  'playing pétanque',
].join(',');
// Indexes made once, outside the cases' folders, which must not change.
const shared = tempDir();
const INDEX = join(shared, 'mini.parquet');
const OTHER = join(shared, 'other.parquet');
await runMain(['scan', MINI, '-o', INDEX, '-q']);
const duck = await openDuck();
await duck.run(`COPY (SELECT 1 AS a) TO '${OTHER}' (FORMAT parquet)`);
duck.close();

hostileSuite('hostile input: engines and the Parquet index', [
  {
    name: '--engine duckdb on a root, which is not an index',
    args: dir => ['slice', MINI, '--engine', 'duckdb', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--engine duckdb slices an index/,
  },
  {
    name: 'an engine that does not exist',
    args: dir => ['slice', INDEX, '--engine', 'fast', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--engine/,
  },
  {
    name: '--engine duckdb with --ids-file, which only the JavaScript engine runs',
    setup: dir => writeTree(dir, { 'ids.txt': 'abc\n' }),
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--ids-file', join(dir, 'ids.txt'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--ids-file is not supported by --engine duckdb/,
  },
  {
    name: 'a Parquet index cut short',
    setup: dir => writeFileSync(join(dir, 'cut.parquet'), readFileSync(INDEX).subarray(0, 300)),
    args: dir => ['slice', join(dir, 'cut.parquet'), '--percent', '10', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /is not a readable Parquet file/,
  },
  {
    name: 'a Parquet file that is not an index, on either engine',
    setup: dir => copyFileSync(OTHER, join(dir, 'other.parquet')),
    args: dir => ['slice', join(dir, 'other.parquet'), '--engine', 'duckdb', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /without a k400-slice index header/,
  },
  {
    name: 'a Parquet index below a file',
    setup: dir => writeFileSync(join(dir, 'f'), 'a file'),
    args: dir => ['scan', MINI, '-o', join(dir, 'f', 'i.parquet')],
    exit: 2,
    stderr: /not a folder/,
  },
  {
    name: '--engine duckdb, a split the index does not have',
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--split', 'tain', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /no such split.*did you mean train/,
  },
  {
    name: '--split with an empty name in its list',
    args: dir => ['slice', MINI, '--split', 'train,', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--split 'train,': a split name is empty/,
  },
  {
    name: '--engine duckdb, more clips than there are',
    setup: dir => writeTree(dir, { 'm.csv': 'old\n' }),
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--count', '1000', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--count 1000: only 80 eligible clips/,
  },
  {
    name: '--engine duckdb, a class that does not exist',
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--classes', 'abseilin', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /abseilin/,
  },
  {
    name: '--engine duckdb with --html, which plots every clip',
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--html', join(dir, 'r.html'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--html and --markdown need --engine js/,
  },
  {
    name: '--engine duckdb with --annotations',
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--annotations', join(dir, 'a.csv'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--annotations cannot be used with an index/,
  },
  {
    name: 'nothing selected in DuckDB names the filter, exit 1',
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--exclude-classes', ALL_CLASSES, '-o', join(dir, 'm.csv')],
    exit: 1,
    stderr: /--exclude-classes removed every remaining clip/,
  },
  {
    name: '--engine duckdb with TMPDIR missing: no spill folder, no spool, the old manifest kept',
    setup: dir => writeTree(dir, { 'm.csv': 'old\n' }),
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--percent', '50', '-o', join(dir, 'm.csv')],
    spawn: true,
    env: dir => ({ TMPDIR: join(dir, 'missing') }),
    exit: 2,
    stderr: /cannot make DuckDB's spill folder in the temp folder .*does not exist/,
  },
  {
    name: '--engine duckdb --dry-run with TMPDIR a file',
    setup: dir => writeTree(dir, { 'm.csv': 'old\n', file: 'a file' }),
    args: dir => ['slice', INDEX, '--engine', 'duckdb', '--percent', '50', '--dry-run', '-o', join(dir, 'm.csv')],
    spawn: true,
    env: dir => ({ TMPDIR: join(dir, 'file') }),
    exit: 2,
    stderr: /cannot make DuckDB's spill folder in the temp folder .*not a folder/,
  },
  {
    // It made a folder of its own in TMPDIR first: exit 70 here, and an empty folder left behind where DuckDB
    // could not be opened.
    name: 'scan -o INDEX.parquet with TMPDIR missing: one error, the old index kept',
    setup: dir => writeTree(dir, { 'i.parquet': 'old\n' }),
    args: dir => ['scan', MINI, '-o', join(dir, 'i.parquet')],
    spawn: true,
    env: dir => ({ TMPDIR: join(dir, 'missing') }),
    exit: 2,
    stderr: /cannot make DuckDB's spill folder in the temp folder .*does not exist/,
  },
]);
