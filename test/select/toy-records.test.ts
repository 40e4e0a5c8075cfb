import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import * as z from 'zod';
import { describeSize } from '../../src/api/describe.js';
import { flag } from '../../src/options/fields.js';
import { sliceOptionsSchema } from '../../src/options/slice-options.js';
import {
  type AnyStrategy,
  applyStrategy,
  checkStrategies,
  type SizeStrategy,
  sizeSpecFrom,
  strategyFields,
  strategyFlags,
  strategyList,
} from '../../src/select/strategies/index.js';
import {
  type ManifestWriter,
  renderManifest,
  separatorFormats,
  separatorProblem,
  writers,
} from '../../src/write/writers/index.js';
import { strata } from '../helpers/strata.js';

// A new strategy and a new format, each one record (what would be one file) and one line of registration: the
// records are the mechanism the schema, --help, the checks, the provenance and the writers all read.

type HalfSpec = { readonly strategy: 'half' };

/** A toy strategy: half of every class, rounded up, with no SQL form. */
const half = {
  name: 'half',
  flags: [{ flag: '--half', help: 'keep half of every class, rounded up' }],
  fields: { half: flag.optional() },
  selector: { key: 'half', flag: '--half' },
  specOf: o => (o.half === true ? { strategy: 'half' } : undefined),
  needsLabels: '--half',
  sql: false,
  describe: () => ({ flag: '--half', options: { strategy: 'half' } }),
  choose: (strata, _spec: HalfSpec) => ({ quotas: strata.map(s => Math.ceil(s.keys.length / 2)), warnings: [] }),
} satisfies SizeStrategy<HalfSpec>;

/** A toy format: `path|label_index` lines, whose reader takes a separator. */
const toy: ManifestWriter = {
  name: 'toy',
  extensions: ['.toy'],
  sidecar: true,
  separator: true,
  summary: 'path and label_index, one a line',
  open: (_head, options) => ({
    head: () => '',
    rows: clips => clips.map(c => `${c.path}${options?.separator ?? '|'}${c.label_index}\n`).join(''),
    end: () => '',
  }),
};

// The one line each.
const records: readonly AnyStrategy[] = [...strategyList, half];
const formats = { ...writers, toy };

describe('a strategy registered by its record alone', () => {
  const schema = z.strictObject(strategyFields(records));

  it('its flag parses, chooses it, and sizes every class', () => {
    const options = schema.parse({ half: true });
    const spec = sizeSpecFrom(options, records);
    assert.deepEqual(spec, { strategy: 'half' });
    assert.deepEqual(applyStrategy(strata({ a: 5, b: 2 }), spec, records).quotas, [3, 1]);
    // Without its record the same options choose nothing: the record is what registers it.
    assert.deepEqual(sizeSpecFrom(options), { strategy: 'all' });
  });

  it('--help lists its flag, and the one-strategy check names it', () => {
    const command = new Command('slice');
    for (const { flag: f, help } of strategyFlags(records)) command.option(f, help);
    assert.match(command.helpInformation(), /--half +keep half of every class, rounded up/);
    const problems: string[] = [];
    checkStrategies(
      schema.parse({ half: true, perClass: '3' }),
      (key, message) => problems.push(`${key} ${message}`),
      records,
    );
    assert.deepEqual(problems, [
      'half cannot be combined with --per-class (choose one size strategy: --percent, --per-class, --count or --half)',
    ]);
  });

  it('says how it is named and recorded, whether it needs labels, and that SQL cannot express it', () => {
    assert.deepEqual(half.describe(), { flag: '--half', options: { strategy: 'half' } });
    assert.equal(half.needsLabels, '--half');
    assert.equal(half.sql, false);
  });

  it('the registered strategies keep their messages and provenance entries', () => {
    const parsed = sliceOptionsSchema.safeParse({ source: 'x', percent: 10, count: 3 });
    assert.equal(parsed.success, false);
    assert.match(
      parsed.error?.issues[0]?.message ?? '',
      /^cannot be combined with --percent \(choose one size strategy: --percent, --per-class or --count\)$/,
    );
    const options = sliceOptionsSchema.parse({ source: 'x', count: 3, stratified: true });
    assert.deepEqual(describeSize(sizeSpecFrom(options)), {
      flag: '--count 3',
      options: { strategy: 'stratified-count', count: 3, allow_fewer: false },
    });
  });
});

describe('a format registered by its record alone', () => {
  it('--separator applies to it, from its record, and its rows render', () => {
    assert.deepEqual(separatorFormats(formats), ['mmaction', 'pytorchvideo', 'toy']);
    assert.equal(separatorProblem('toy', formats), undefined);
    assert.equal(separatorProblem('toy'), separatorProblem('csv'), 'unregistered, it is refused like csv');
    assert.equal(
      separatorProblem('csv', formats),
      'only applies to --format mmaction or pytorchvideo or toy (DALI splits on any whitespace)',
    );
    const clip = { path: 'a/1.mp4', label: 'a', label_index: 0 } as never;
    const text = renderManifest(toy, { provenance: {} as never, classes: [], clips: [clip] }, { separator: '\t' });
    assert.equal(text, 'a/1.mp4\t0\n');
  });
});
