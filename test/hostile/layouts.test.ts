import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileSuite } from '../helpers/hostile.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');
const TRAIN = fixture('kinetics-mini', 'train');
const CVDF = fixture('cvdf-mini');
const VAL_CSV = fixture('cvdf-mini', 'annotations', 'val.csv');
// Indexes made once, outside the cases' folders, which must not change.
const shared = tempDir();
const JSONL = join(shared, 'mini.index.jsonl');
const PARQUET = join(shared, 'mini.index.parquet');
await runMain(['scan', MINI, '-o', JSONL, '-q']);
await runMain(['scan', MINI, '-o', PARQUET, '-q']);

const out = (dir: string): string[] => ['-o', join(dir, 'm.csv')];

hostileSuite('hostile input: --layout', [
  {
    name: 'a layout that does not exist names the choices',
    args: dir => ['slice', MINI, '--layout', 'tree', ...out(dir)],
    exit: 2,
    stderr: /--layout must be one of annotations-only, .*parquet-index, index, cvdf, .*class-tree, got 'tree'/,
  },
  {
    name: 'an empty layout',
    args: dir => ['slice', MINI, '--layout', '', ...out(dir)],
    exit: 2,
    stderr: /--layout must be one of .*, got ''/,
  },
  {
    name: 'a layout with odd characters is quoted, not obeyed',
    args: dir => ['slice', MINI, '--layout', '../class-tree\nx', ...out(dir)],
    exit: 2,
    stderr: /--layout must be one of/,
  },
  {
    name: 'a layout named in the wrong case',
    args: dir => ['scan', TRAIN, '--layout', 'Class-Tree', ...out(dir)],
    exit: 2,
    stderr: /--layout must be one of .*, got 'Class-Tree'/,
  },
  {
    name: '--layout index on a folder',
    args: dir => ['slice', MINI, '--layout', 'index', ...out(dir)],
    exit: 2,
    stderr: /--layout index does not fit '.*kinetics-mini': not a file \(drop --layout/,
  },
  {
    name: '--layout parquet-index on a JSONL index',
    args: dir => ['slice', JSONL, '--layout', 'parquet-index', ...out(dir)],
    exit: 2,
    stderr: /--layout parquet-index does not fit .*: not a Parquet file/,
  },
  {
    name: '--layout index on a file that is not an index',
    args: dir => ['slice', VAL_CSV, '--layout', 'index', ...out(dir)],
    exit: 2,
    stderr: /--layout index does not fit .*: no k400-slice index header/,
  },
  {
    name: '--layout class-tree on an index: read as a folder, whatever the engine',
    args: dir => ['slice', PARQUET, '--layout', 'class-tree', '--engine', 'auto', ...out(dir)],
    exit: 2,
    stderr: /--layout class-tree does not fit .*: is a file, not a folder/,
  },
  {
    name: '--layout index on a Parquet index is not sliced in DuckDB regardless',
    args: dir => ['slice', PARQUET, '--layout', 'index', '--engine', 'auto', ...out(dir)],
    exit: 2,
    stderr: /--layout index does not fit .*: no k400-slice index header/,
  },
  {
    name: '--layout class-tree on a split tree',
    args: dir => ['slice', MINI, '--layout', 'class-tree', ...out(dir)],
    exit: 2,
    stderr: /--layout class-tree does not fit .*\(a split tree\)/,
  },
  {
    name: '--layout split-tree on a class tree',
    args: dir => ['slice', TRAIN, '--layout', 'split-tree', ...out(dir)],
    exit: 2,
    stderr: /--layout split-tree does not fit .*not split folders of class folders/,
  },
  {
    name: '--layout cvdf on a tree without annotations/',
    args: dir => ['slice', MINI, '--layout', 'cvdf', ...out(dir)],
    exit: 2,
    stderr: /--layout cvdf does not fit .*: no annotations\/ folder/,
  },
  {
    name: '--layout cvdf with --annotations',
    args: dir => ['slice', CVDF, '--layout', 'cvdf', '--annotations', VAL_CSV, ...out(dir)],
    exit: 2,
    stderr: /--layout cvdf does not fit .*: --annotations given/,
  },
  {
    name: '--layout annotations without --annotations',
    args: dir => ['slice', CVDF, '--layout', 'annotations', ...out(dir)],
    exit: 2,
    stderr: /--layout annotations does not fit .*: no --annotations given/,
  },
  {
    name: '--layout annotations-only with a ROOT',
    args: dir => ['slice', CVDF, '--layout', 'annotations-only', '--annotations', VAL_CSV, ...out(dir)],
    exit: 2,
    stderr: /--layout annotations-only does not fit .*: a ROOT is given/,
  },
  {
    name: '--layout class-tree with no ROOT, only annotations',
    args: dir => ['slice', '--annotations', VAL_CSV, '--layout', 'class-tree', ...out(dir)],
    exit: 2,
    stderr: /--layout class-tree does not fit '\(none\)': no ROOT given/,
  },
  {
    name: '--layout split-tree on a device',
    args: dir => ['slice', '/dev/null', '--layout', 'split-tree', ...out(dir)],
    exit: 2,
    stderr: /does not fit '\/dev\/null': is a device, pipe or socket, not a folder/,
  },
  {
    name: '--layout on a root that does not exist says so first',
    args: dir => ['slice', join(dir, 'nothing'), '--layout', 'class-tree', ...out(dir)],
    exit: 2,
    stderr: /dataset root '.*nothing' does not exist/,
  },
  {
    name: 'a file no layout reads names every candidate',
    setup: dir => writeFileSync(join(dir, 'notes.txt'), 'abseiling/a.mp4\n'),
    args: dir => ['slice', join(dir, 'notes.txt'), ...out(dir)],
    exit: 2,
    stderr: /is a file, not a folder, and fits no layout: annotations-only: .*; index: no k400-slice index header;/,
  },
  {
    name: 'scan --layout that does not fit writes no index',
    args: dir => ['scan', JSONL, '--layout', 'split-tree', '-o', join(dir, 'i.jsonl')],
    exit: 2,
    stderr: /--layout split-tree does not fit .*: is a file, not a folder/,
  },
  {
    name: 'stats --layout index on a manifest is not read as a manifest',
    setup: dir => writeFileSync(join(dir, 'm.csv'), 'path,label\n'),
    args: dir => ['stats', join(dir, 'm.csv'), '--layout', 'index'],
    exit: 2,
    stderr: /--layout index does not fit .*: no k400-slice index header/,
  },
  {
    name: 'a run config with a layout that does not exist',
    setup: dir =>
      writeFileSync(
        join(dir, 'slices.json'),
        JSON.stringify({ source: MINI, layout: 'flat', slices: { a: { percent: 10, output: 'm.csv' } } }),
      ),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /layout.*must be one of .*, got 'flat'/,
  },
  {
    name: 'a run config with a layout of the wrong kind',
    setup: dir =>
      writeFileSync(
        join(dir, 'slices.json'),
        JSON.stringify({ source: MINI, slices: { a: { layout: 12, percent: 10, output: 'm.csv' } } }),
      ),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /slices\.a\.layout/,
  },
  {
    name: '--layout index with --annotations',
    args: dir => ['slice', JSONL, '--layout', 'index', '--annotations', VAL_CSV, ...out(dir)],
    exit: 2,
    stderr: /--annotations cannot be used with an index/,
  },
]);
