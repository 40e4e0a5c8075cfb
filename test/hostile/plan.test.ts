import { join } from 'node:path';
import { hostileSuite } from '../helpers/hostile.js';
import { runMainOk } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';

const VAL = fixture('plan', 'k400-val-official.csv');
const MINI = fixture('kinetics-mini');

hostileSuite('hostile input: slicing annotations alone and download plans', [
  {
    name: 'verify of a download plan, which records no root, asks for --root',
    setup: async dir => {
      await runMainOk(['slice', '--annotations', VAL, '--count', '3', '-o', join(dir, 'p.jsonl'), '-q']);
    },
    args: dir => ['verify', join(dir, 'p.jsonl')],
    exit: 2,
    stderr: /records no dataset root \(pass --root DIR\)/,
  },
  {
    name: 'no ROOT and no --annotations',
    args: dir => ['slice', '--percent', '10', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /missing required argument 'source'.*--annotations/,
  },
  {
    name: '--spare with a ROOT',
    args: dir => ['slice', MINI, '--percent', '10', '--spare', '1', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--spare only applies when slicing --annotations alone/,
  },
  {
    name: '--spare with a ROOT and no size option: one error, the first',
    args: dir => ['slice', MINI, '--spare', '20%', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--spare only applies when slicing --annotations alone/,
  },
  {
    name: '--have with a ROOT',
    args: dir => ['slice', MINI, '--percent', '10', '--have', dir, '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--have only applies/,
  },
  {
    name: '--spare that is neither a percent nor a count',
    args: dir => ['slice', '--annotations', VAL, '--percent', '10', '--spare', 'lots', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--spare must be a percent/,
  },
  {
    name: '--spare without a size option',
    args: dir => ['slice', '--annotations', VAL, '--spare', '20%', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--spare needs --percent, --per-class or --count/,
  },
  {
    name: '--probe without files',
    args: dir => ['slice', '--annotations', VAL, '--probe', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--probe needs video files/,
  },
  {
    name: '--absolute without a ROOT',
    args: dir => ['slice', '--annotations', VAL, '--absolute', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--absolute needs a dataset ROOT/,
  },
  {
    name: '--have that does not exist leaves an existing plan alone',
    setup: dir => writeTree(dir, { 'plan.sh': 'old\n' }),
    args: dir => [
      'slice',
      '--annotations',
      VAL,
      '--percent',
      '10',
      '--have',
      join(dir, 'nosuch'),
      '-o',
      join(dir, 'plan.sh'),
    ],
    exit: 2,
    stderr: /--have .*nosuch: no such folder or index/,
  },
  {
    name: 'annotations without rows',
    setup: dir => writeTree(dir, { 'a.csv': 'label,youtube_id,time_start,time_end,split\n' }),
    args: dir => ['slice', '--annotations', join(dir, 'a.csv'), '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /no rows in/,
  },
  {
    name: 'a yt-dlp plan for a label that cannot be a folder writes nothing',
    setup: dir =>
      writeTree(dir, {
        'a.csv': 'label,youtube_id,time_start,time_end,split\nok,abcdefghijk,1,11,train\n..,bbcdefghijk,1,11,train\n',
      }),
    args: dir => ['slice', '--annotations', join(dir, 'a.csv'), '-o', join(dir, 'plan.sh')],
    exit: 2,
    stderr: /--format yt-dlp: row 1 has a split, label or clip id that cannot be a file name/,
  },
  {
    name: 'a plan script written whole, with its sidecar',
    args: dir => ['slice', '--annotations', VAL, '--per-class', '1', '-o', join(dir, 'plan.sh')],
    exit: 0,
    changes: ['plan.sh', 'plan.sh.meta.json'],
    stderr: /selected 5 clips/,
  },
]);
