import { join } from 'node:path';
import { hostileSuite } from '../helpers/hostile.js';
import { fixture } from '../helpers/paths.js';
import { writeTree } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');

hostileSuite('hostile input: --html and --markdown', [
  {
    name: 'a card on stdout beside a manifest on stdout',
    args: () => ['slice', MINI, '--count', '3', '--markdown', '-'],
    exit: 2,
    stderr: /--markdown - and the manifest would both go to stdout/,
    stdout: /^$/,
  },
  {
    name: 'a page written over the manifest leaves the old manifest alone',
    setup: dir => writeTree(dir, { 'm.csv': 'old\n' }),
    args: dir => ['slice', MINI, '--count', '3', '-o', join(dir, 'm.csv'), '--html', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--html '.*m\.csv' is the same file as/,
  },
  {
    name: 'a card written over the provenance sidecar',
    args: dir => ['slice', MINI, '--count', '3', '-o', join(dir, 'm.csv'), '--markdown', join(dir, 'm.csv.meta.json')],
    exit: 2,
    stderr: /--markdown '.*m\.csv\.meta\.json' is the same file as/,
  },
  {
    name: 'a page and a card in one file',
    args: dir => [
      'slice',
      MINI,
      '--count',
      '3',
      '-o',
      join(dir, 'm.csv'),
      '--html',
      join(dir, 'r'),
      '--markdown',
      join(dir, 'r'),
    ],
    exit: 2,
    stderr: /--markdown '.*r' is the same file as/,
  },
  {
    name: 'a page over the report, spelled another way',
    args: dir => [
      'slice',
      MINI,
      '--count',
      '3',
      '-o',
      join(dir, 'm.csv'),
      '--report',
      join(dir, 'r.json'),
      '--html',
      `${dir}/./r.json`,
    ],
    exit: 2,
    stderr: /--html/,
  },
  {
    name: 'a page over one of the manifests of --splits (known only after the plan)',
    args: dir => [
      'slice',
      MINI,
      '--splits',
      'a=50,b=50',
      '-o',
      join(dir, 'm-{split}.csv'),
      '--html',
      join(dir, 'm-b.csv'),
    ],
    exit: 2,
    stderr: /--html '.*m-b\.csv' is the same file as/,
  },
  {
    name: 'a page on stdout',
    args: dir => ['slice', MINI, '--count', '3', '-o', join(dir, 'm.csv'), '--html', '-'],
    exit: 2,
    stderr: /--html cannot go to stdout/,
  },
  {
    name: 'a page in a folder that does not exist, before any scanning',
    args: dir => ['slice', MINI, '--count', '3', '-o', join(dir, 'm.csv'), '--html', join(dir, 'no', 'p.html')],
    exit: 2,
    stderr: /output folder .* does not exist/,
  },
  {
    name: 'stats writing its page over the manifest it reads',
    setup: dir => writeTree(dir, { 'm.csv': 'path,label\na/x.mp4,a\n' }),
    args: dir => ['stats', join(dir, 'm.csv'), '--html', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--html '.*m\.csv' is the same file as/,
  },
  {
    name: 'run --check with a page to write',
    setup: dir => writeTree(dir, { 'slices.json': '{"source": "x", "slices": {"a": {"output": "a.csv"}}}' }),
    args: dir => ['run', join(dir, 'slices.json'), '--check', '--html', join(dir, 'p.html')],
    exit: 2,
    stderr: /--html cannot be combined with --check/,
  },
  {
    name: 'a failed slice writes neither page nor card',
    args: dir => [
      'slice',
      MINI,
      '--classes',
      'nosuch',
      '-o',
      join(dir, 'm.csv'),
      '--html',
      join(dir, 'p.html'),
      '--markdown',
      join(dir, 'c.md'),
    ],
    exit: 2,
    stderr: /nosuch/,
  },
]);
