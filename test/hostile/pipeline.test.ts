import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileSuite } from '../helpers/hostile.js';
import { fixture } from '../helpers/paths.js';

const MINI = fixture('kinetics-mini');
const CVDF = fixture('cvdf-mini');
const ONE_LINE = /^k400-slice: error: [^\n]*\n$/;

/** A run config in the case's folder, its slices' outputs there too. */
function config(dir: string, slices: Record<string, Record<string, unknown>>): void {
  writeFileSync(join(dir, 'slices.json'), JSON.stringify({ slices }));
}

// The one slice pipeline (sliceSource, commitSlices) and the strategy and writer records, fed bad input
// through `slice` and `run` alike: one error line, exit 2, the folder as it was.
hostileSuite('hostile input: the slice pipeline and its records', [
  {
    name: 'run --html with a slice that asks for DuckDB: the page needs the clips',
    setup: dir => config(dir, { a: { source: MINI, percent: 10, engine: 'duckdb', output: join(dir, 'a.csv') } }),
    args: dir => ['run', join(dir, 'slices.json'), '--html', join(dir, 'p.html')],
    exit: 2,
    stderr: /^k400-slice: error: config .*slices\.a: --html and --markdown need engine js \(/,
  },
  {
    name: 'run: two slices both to stdout',
    setup: dir =>
      config(dir, { a: { source: MINI, count: 2, output: '-' }, b: { source: MINI, count: 3, output: '-' } }),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /slices\.a and slices\.b both write -\n$/,
  },
  {
    name: 'run: a slice to stdout beside the card to stdout',
    setup: dir => config(dir, { a: { source: MINI, count: 2, output: '-' } }),
    args: dir => ['run', join(dir, 'slices.json'), '--markdown', '-'],
    exit: 2,
    stderr: /--markdown - and the manifest would both go to stdout/,
  },
  {
    name: 'run --dry-run of a --strict slice with a report: exit 2, the report not written',
    setup: dir =>
      config(dir, {
        a: { source: CVDF, strict: true, percent: 50, output: join(dir, 'a.csv'), report: join(dir, 'r.json') },
      }),
    args: dir => ['run', join(dir, 'slices.json'), '--dry-run'],
    exit: 2,
    stderr: /slices\.a: strict: the source has 5 missing/,
  },
  {
    name: 'slice --dry-run --strict --report: the report not written either',
    args: dir => ['slice', CVDF, '--strict', '--report', join(dir, 'r.json'), '-o', join(dir, 'm.csv'), '--dry-run'],
    exit: 2,
    stderr: /^k400-slice: error: --strict: the source has 5 missing/,
  },
  {
    name: 'two size strategies: the check comes from the records',
    args: dir => ['slice', MINI, '--per-class', '2', '--count', '4', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr:
      /--count cannot be combined with --per-class \(choose one size strategy: --percent, --per-class or --count\)/,
  },
  {
    name: "a strategy's own option without it (--allow-fewer)",
    args: dir => ['slice', MINI, '--allow-fewer', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--allow-fewer only applies to --count/,
  },
  {
    name: 'a bad value of a strategy flag, parsed by its record',
    args: dir => ['slice', MINI, '--per-class', '-3', '-o', join(dir, 'm.csv')],
    exit: 2,
    stderr: /--per-class must be a whole number above 0, got '-3'/,
  },
  {
    name: '--separator with a format whose record says it does not apply',
    args: dir => ['slice', MINI, '--format', 'dali', '--separator', ',', '-o', join(dir, 'm.txt')],
    exit: 2,
    stderr: /--separator only applies to --format mmaction or pytorchvideo \(DALI splits on any whitespace\)/,
  },
  {
    name: 'a run config with a strategy option of the wrong type',
    setup: dir => config(dir, { a: { source: MINI, stratified: 'yes', count: 3, output: join(dir, 'a.csv') } }),
    args: dir => ['run', join(dir, 'slices.json')],
    exit: 2,
    stderr: /slices\.a\.stratified: /,
  },
  {
    name: '--version > /dev/full, answered before commander loads',
    spawn: true,
    stdoutTo: '/dev/full',
    args: () => ['--version'],
    exit: 2,
    stderr: ONE_LINE,
  },
]);
