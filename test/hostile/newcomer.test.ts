import { join } from 'node:path';
import { hostileSuite } from '../helpers/hostile.js';
import { fixture } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');
const GOLDEN = fixture('golden', 'kinetics-mini-percent-50-seed-1.csv');

hostileSuite('hostile input: newcomer', [
  {
    name: '--seed -q: an option-looking value is refused, nothing written',
    args: dir => ['slice', MINI, '--seed', '-q', '--count', '3', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--seed: got '-q'/,
  },
  {
    name: 'stats --split of a split the manifest does not hold',
    args: () => ['stats', GOLDEN, '--split', 'nosuch'],
    exit: 2,
    stderr: /no such split in the manifest .* \(its splits are: train, val\)/,
  },
  {
    name: 'a label map with two id columns and no --label-map-id',
    setup: dir => writeTree(dir, { 'map.csv': 'mini_id,k400_id,name\n0,0,abseiling\n' }),
    args: dir => ['slice', MINI, '--label-map', join(dir, 'map.csv'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /found columns mini_id, k400_id, name.*--label-map-id mini_id/,
  },
  {
    name: '--label-map-id naming no column of the map',
    setup: dir => writeTree(dir, { 'map.csv': 'id,name\n0,abseiling\n' }),
    args: dir => ['slice', MINI, '--label-map', join(dir, 'map.csv'), '--label-map-id', 'nope'],
    exit: 2,
    stderr: /no such column \(found id, name\)/,
  },
  {
    name: 'a list manifest with a line that is not path and label index',
    setup: dir => writeTree(dir, { 'm.txt': 'a/b.mp4 0\nnot a row\n' }),
    args: dir => ['verify', join(dir, 'm.txt'), '--root', dir],
    exit: 2,
    stderr: /not a k400-slice manifest/,
  },
  {
    name: 'verify of a list without its sidecar and without --root',
    setup: dir => writeTree(dir, { 'm.txt': 'a/b.mp4 0\n' }),
    args: dir => ['verify', join(dir, 'm.txt')],
    exit: 2,
    stderr: /records no dataset root/,
  },
  {
    name: 'a run config whose slice names a class that does not exist: config words, nothing written',
    setup: dir =>
      writeTree(dir, {
        'slices.json': JSON.stringify({ source: MINI, slices: { a: { classes: ['nope'], output: 'a.csv' } } }),
      }),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /slices\.a: classes: no class named 'nope'/,
  },
]);
