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
]);
