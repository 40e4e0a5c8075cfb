import { join } from 'node:path';
import { hostileSuite } from '../helpers/hostile.js';
import { fixture } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');

hostileSuite('hostile input: basics', [
  {
    name: 'a root that does not exist',
    args: dir => ['slice', join(dir, 'nosuch'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /does not exist/,
  },
  {
    name: 'a percent that is not a number leaves an existing manifest alone',
    setup: dir => writeTree(dir, { 'm.csv': 'old\n' }),
    args: dir => ['slice', MINI, '--percent', 'ten', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--percent/,
  },
  {
    name: 'an empty --ext on slice is refused by name, not as "no videos found"',
    args: dir => ['slice', MINI, '--percent', '50', '--ext', '', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--ext names no extension/,
  },
  {
    name: 'an --ext of commas alone on scan is refused',
    args: dir => ['scan', MINI, '--ext', ' , ', '-o', join(dir, 'i.jsonl')],
    exit: 2,
    stderr: /--ext names no extension/,
  },
  {
    name: 'an empty --ext on stats is refused',
    args: () => ['stats', MINI, '--ext', ''],
    exit: 2,
    stderr: /--ext names no extension/,
  },
  {
    name: '--spare and --have with a ROOT give one error line, not two',
    args: dir => ['slice', MINI, '--percent', '50', '--spare', '10%', '--have', dir, '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--spare only applies when slicing --annotations alone/,
  },
]);
