import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fieldWords } from '../../src/config/config-words.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const MINI = fixture('kinetics-mini');
const CVDF = fixture('cvdf-mini');
const PLAN = fixture('plan', 'k400-val-official.csv');

/** One slice, as `slice` flags and as the options of a `run` config: the same slice both ways. */
interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly config: Record<string, unknown>;
  /** The manifest, relative to the case's folder, or '-'. */
  readonly output: string;
  readonly report?: boolean;
}

const CASES: readonly Case[] = [
  { name: 'percent', args: [MINI, '--percent', '10'], config: { source: MINI, percent: 10 }, output: 'm.csv' },
  {
    name: 'per-class short of N (a warning)',
    args: [MINI, '--per-class', '6', '--seed', '2'],
    config: { source: MINI, perClass: 6, seed: '2' },
    output: 'm.jsonl',
  },
  {
    name: '--strict with --report (exit 2, the report alone written)',
    args: [CVDF, '--strict', '--percent', '50'],
    config: { source: CVDF, strict: true, percent: 50 },
    output: 'm.csv',
    report: true,
  },
  {
    name: 'a source with warnings of its own, and --report',
    args: [CVDF, '--split', 'val', '--per-class', '2'],
    config: { source: CVDF, split: 'val', perClass: 2 },
    output: 'm.csv',
    report: true,
  },
  {
    name: '--splits',
    args: [MINI, '--percent', '50', '--splits', 'a=50,b=50'],
    config: { source: MINI, percent: 50, splits: { a: 50, b: 50 } },
    output: 'm-{split}.csv',
  },
  {
    name: '--shards',
    args: [MINI, '--split', 'val', '--shards', '3', '--format', 'jsonl'],
    config: { source: MINI, split: 'val', shards: 3, format: 'jsonl' },
    output: 'm-{shard}.txt',
  },
  {
    name: 'the manifest on stdout',
    args: [MINI, '--count', '7', '--shuffle'],
    config: { source: MINI, count: 7, shuffle: true },
    output: '-',
  },
  {
    name: 'more than there is (exit 2)',
    args: [MINI, '--count', '1000'],
    config: { source: MINI, count: 1000 },
    output: 'm.csv',
  },
  {
    name: 'a download plan with spares',
    args: ['--annotations', PLAN, '--percent', '10', '--spare', '20%'],
    config: { annotations: [PLAN], percent: 10, spare: '20%' },
    output: 'plan.sh',
  },
];

/** Every file below `dir` but the config, by relative path, with the folder's own path made `DIR`. */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter(name => name !== 'slices.json')
      .sort()
      .map(name => [name, readFileSync(join(dir, name), 'utf8').replaceAll(dir, 'DIR')]),
  );
}

/** What a run's lines say of its one slice `x`, in slice's words: without the name, the config's path. */
function asSlice(text: string, dir: string): string {
  return text
    .replaceAll(dir, 'DIR')
    .replaceAll('config DIR/slices.json: slices.x: ', '')
    .replace(/^(k400-slice: warning: )x: /gm, '$1')
    .replace(/^x: /gm, '');
}

async function both(row: Case, dryRun: boolean) {
  const a = tempDir();
  const b = tempDir();
  const out = (dir: string): string => (row.output === '-' ? '-' : join(dir, row.output));
  const report = (dir: string): string[] => (row.report === true ? ['--report', join(dir, 'report.json')] : []);
  const dry = dryRun ? ['--dry-run'] : [];
  const slice = await runMain(['slice', ...row.args, '-o', out(a), ...report(a), ...dry]);
  const config = {
    slices: {
      x: { ...row.config, output: out(b), ...(row.report === true ? { report: join(b, 'report.json') } : {}) },
    },
  };
  writeFileSync(join(b, 'slices.json'), JSON.stringify(config));
  const run = await runMain(['run', join(b, 'slices.json'), ...dry]);
  return { a, b, slice, run };
}

const warningsOf = (stderr: string): string[] => stderr.split('\n').filter(l => l.startsWith('k400-slice: warning: '));

describe('slice and run agree: one pipeline', () => {
  for (const row of CASES) {
    for (const dryRun of [false, true]) {
      it(`${row.name}${dryRun ? ', --dry-run' : ''}`, async () => {
        const { a, b, slice, run } = await both(row, dryRun);
        const shown = `slice: ${slice.status}\n${slice.stderr}\nrun: ${run.status}\n${run.stderr}`;
        assert.equal(run.status, slice.status, shown);
        // Every file, manifests, sidecars and reports, byte for byte (provenance included).
        assert.deepEqual(filesOf(b), filesOf(a), shown);
        // The manifest on stdout, or the dry-run lines.
        assert.equal(asSlice(run.stdout, b), slice.stdout.replaceAll(a, 'DIR'), shown);
        assert.deepEqual(warningsOf(asSlice(run.stderr, b)), warningsOf(slice.stderr.replaceAll(a, 'DIR')), shown);
        const error = (text: string): string[] => text.split('\n').filter(l => l.startsWith('k400-slice: error: '));
        assert.deepEqual(error(asSlice(run.stderr, b)), error(fieldWords(slice.stderr.replaceAll(a, 'DIR'))), shown);
        if (slice.status === 0 && !dryRun) {
          const clips = /selected ([\d,]+) clips?/.exec(slice.stderr)?.[1];
          assert.match(run.stderr, new RegExp(`^k400-slice: x: ${clips} clips?`, 'm'), shown);
        }
      });
    }
  }
});
