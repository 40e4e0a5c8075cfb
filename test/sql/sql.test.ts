import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDuck } from '../../src/engine/duckdb.js';
import { clipKey } from '../../src/select/clip-key.js';
import { parsePercent, percentOf } from '../../src/select/percent.js';
import { dialects } from '../../src/sql/dialects.js';
import { percentFraction } from '../../src/sql/selection-sql.js';
import { runMain } from '../helpers/in-process.js';
import { fixture, PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** The slices whose SQL text the golden files pin, one query each, in every dialect. */
const GOLDEN_SLICES: readonly (readonly string[])[] = [
  ['--percent', '12.5', '--seed', "it's", '--exclude-classes', 'hurling_sport'],
  ['--split', 'val', '--per-class', '2', '--classes', "massaging person's head,air drumming"],
  ['--count', '9'],
  ['--count', '9', '--stratified', '--seed', '7'],
];

const dir = tempDir();
const INDEX = join(dir, 'mini.index.jsonl');
await runMain(['scan', fixture('kinetics-mini'), '-o', INDEX, '-q']);

async function sql(args: readonly string[]): Promise<string> {
  const run = await runMain(['sql', INDEX, ...args]);
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

describe('k400-slice sql', () => {
  for (const dialect of ['spark', 'bigquery', 'trino', 'postgres', 'duckdb'] as const) {
    it(`prints the ${dialect} text the golden file pins`, async () => {
      const texts: string[] = [];
      for (const slice of GOLDEN_SLICES)
        texts.push(await sql([...slice, '--dialect', dialect, '--table', 'k400_index']));
      const golden = join(PACKAGE_ROOT, 'fixtures', 'sql', `${dialect}.sql`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, texts.join('\n'));
      assert.equal(texts.join('\n'), readFileSync(golden, 'utf8'));
    });
  }

  it('reads the digest in order: the DuckDB key equals the rule, where md5_number_upper does not', async () => {
    const duck = await openDuck();
    const ids = ['abc', 'air drumming/x', '-CZodx63vTM_000000_000010', 'é𝄞', "it's"];
    const values = ids.map(id => `(${dialects.duckdb.text(id)})`).join(', ');
    const rows = await duck.rows(
      `SELECT clip_id, ${dialects.duckdb.key("'7:'")} AS k, md5_number_upper('7:' || clip_id) >> 12 AS wrong ` +
        `FROM (VALUES ${values}) AS t(clip_id)`,
    );
    duck.close();
    assert.equal(rows.length, ids.length);
    for (const row of rows) {
      assert.equal(Number(row.k), clipKey('7', String(row.clip_id)));
      assert.notEqual(Number(row.wrong), clipKey('7', String(row.clip_id)));
    }
  });

  it('keeps keys numeric in Spark (conv returns a string) and ties in byte order in every dialect', () => {
    assert.match(dialects.spark.key("'0:'"), /^CAST\(conv\(.*\) AS BIGINT\)$/);
    assert.equal(dialects.duckdb.bytes('clip_id'), 'clip_id COLLATE C');
    assert.equal(dialects.postgres.bytes('clip_id'), 'clip_id COLLATE "C"');
    assert.equal(dialects.spark.bytes('clip_id'), 'CAST(clip_id AS BINARY)');
    assert.equal(dialects.bigquery.bytes('clip_id'), 'CAST(clip_id AS BYTES)');
    assert.equal(dialects.trino.bytes('clip_id'), 'to_utf8(clip_id)');
  });

  it('rounds percent exactly as p/q in integers, where floating point would not', async () => {
    const duck = await openDuck();
    for (const text of ['10', '12.5', '14.3', '0.5', '33.3', '99.99', '7']) {
      const percent = parsePercent(text);
      assert.ok(percent !== undefined);
      const { p, q } = percentFraction(percent);
      const rows = await duck.rows(
        `SELECT n, ${dialects.duckdb.div(`2 * n * ${p} + ${q}`, `${2n * q}`)} AS k FROM range(0, 2000) AS t(n)`,
      );
      for (const row of rows) assert.equal(Number(row.k), percentOf(Number(row.n), percent), `${text}% of ${row.n}`);
    }
    duck.close();
    assert.deepEqual(percentFraction(parsePercent('12.5') as NonNullable<ReturnType<typeof parsePercent>>), {
      p: 1n,
      q: 8n,
    });
  });

  it('takes label_index from the header class list, quoting names for each dialect', async () => {
    const text = await sql(['--percent', '10', '--dialect', 'bigquery']);
    assert.match(text, /STRUCT\('massaging person\\'s head' AS label, 3 AS label_index\)/);
    const pg = await sql(['--percent', '10', '--dialect', 'postgres']);
    assert.match(pg, /\('massaging person''s head', 3\)/);
  });

  it('refuses options a query cannot carry, naming them', async () => {
    for (const [flag, args] of [
      ['--shuffle', ['--shuffle']],
      ['--splits', ['--splits', 'a=1,b=1']],
      ['--relabel', ['--relabel']],
    ] as const) {
      const run = await runMain(['sql', INDEX, '--percent', '10', ...args]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, new RegExp(`^k400-slice: error: ${flag} cannot be expressed by k400-slice sql`));
    }
    const root = await runMain(['sql', fixture('kinetics-mini'), '--percent', '10']);
    assert.equal(root.status, 2);
    assert.match(root.stderr, /reads the class list from an index/);
  });
});
