import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sortClips } from '../../src/clip.js';
import { renderIndex } from '../../src/source/index-file.js';
import { Parts } from '../../src/source/part.js';
import { assembleSource } from '../../src/source/source.js';
import { clipsArb } from '../helpers/datasets.js';
import { runMain } from '../helpers/in-process.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

// Opt-in: runs the PostgreSQL text against a real server when `psql` reaches one (PGHOST, PGDATABASE, ...;
// database `postgres` by default), and skips, saying why, when none answers. Debian: apt-get install postgresql.
const database = process.env.PGDATABASE ?? 'postgres';
const probe = spawnSync('psql', ['-X', '-At', '-d', database, '-c', 'SELECT 1'], { encoding: 'utf8' });
const skip =
  probe.error !== undefined || probe.status !== 0
    ? `no PostgreSQL server answers psql (${(probe.error?.message ?? probe.stderr).trim().split('\n')[0]})`
    : false;

const COLUMNS = 'path, label, clip_id, youtube_id, time_start, time_end, split, size_bytes';
const csvField = (value: unknown): string =>
  value === null || value === undefined ? '' : `"${String(value).replaceAll('"', '""')}"`;

/** Loads an index's rows into a temporary table and runs the query: `path<TAB>label_index` a row. */
function inPostgres(indexLines: readonly string[], query: string): string[] {
  const rows = indexLines.slice(1).map(line => {
    const c = JSON.parse(line) as Record<string, unknown>;
    return COLUMNS.split(', ')
      .map(name => csvField(c[name]))
      .join(',');
  });
  const script = [
    '\\set ON_ERROR_STOP on',
    `CREATE TEMP TABLE k400_index (path text, label text, clip_id text, youtube_id text, time_start double precision,
      time_end double precision, split text, size_bytes bigint);`,
    `COPY k400_index (${COLUMNS}) FROM STDIN WITH (FORMAT csv);`,
    ...rows,
    '\\.',
    `SELECT path || chr(9) || COALESCE(CAST(label_index AS text), '') FROM (${query.replace(/;\s*$/, '')}) AS q;`,
  ].join('\n');
  const run = spawnSync('psql', ['-X', '-q', '-At', '-d', database], { input: `${script}\n`, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter(line => line !== '');
}

/** The same slice from the JavaScript engine, as `path<TAB>label_index` in manifest order. */
async function fromManifest(index: string, options: readonly string[]): Promise<string[]> {
  const run = await runMain(['slice', index, ...options, '--format', 'jsonl', '--engine', 'js', '-q']);
  if (run.status !== 0) return [`status ${run.status}`];
  return run.stdout
    .split('\n')
    .filter(line => line !== '')
    .map(line => JSON.parse(line) as { path: string; label_index: number | null })
    .map(c => `${c.path}\t${c.label_index ?? ''}`);
}

async function sqlOf(index: string, options: readonly string[]): Promise<string | null> {
  const run = await runMain(['sql', index, ...options, '--dialect', 'postgres']);
  return run.status === 0 ? run.stdout : null;
}

describe('the PostgreSQL dialect, run by a real server', { skip }, () => {
  const slices: readonly (readonly string[])[] = [
    ['--percent', '30', '--seed', "it's"],
    ['--percent', '12.5', '--min-per-class', '0'],
    ['--per-class', '2', '--exclude-classes', 'abseiling'],
    ['--count', '9'],
    ['--count', '20', '--stratified', '--seed', 'x'],
    ['--split', 'val', '--per-class', '1'],
    [],
  ];

  it('selects the same clips, in the same order, with the same label_index, on the fixture', async () => {
    const dir = tempDir();
    const index = join(dir, 'mini.jsonl');
    await runMain(['scan', fixture('kinetics-mini'), '-o', index, '-q']);
    const lines = (await import('node:fs')).readFileSync(index, 'utf8').trimEnd().split('\n');
    for (const options of slices) {
      const query = await sqlOf(index, options);
      assert.ok(query !== null, options.join(' '));
      assert.deepEqual(inPostgres(lines, query), await fromManifest(index, options), options.join(' '));
    }
  });

  it('selects the same clips on generated datasets (NULL splits, an empty class, quotes)', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        clipsArb({ minClips: 1, maxClips: 80 }),
        fc.constantFrom(...slices.filter(s => !s.includes('--split') && !s.includes('abseiling'))),
        fc.string({ maxLength: 4 }),
        async (clips, options, seed) => {
          const parts = new Parts();
          for (const clip of clips) parts.of(clip.split).classes.add(clip.label as string);
          parts.of(clips[0]?.split ?? null).classes.add("an 'empty' class");
          const layout = clips[0]?.split === null ? 'class-tree' : 'split-class-tree';
          const source = assembleSource({ given: 'generated', root: dir, layout, clips, parts });
          const index = join(dir, `g-${n++}.jsonl`);
          const text = Buffer.concat(renderIndex(source, sortClips(source.clips))).toString('utf8');
          writeFileSync(index, text);
          const args = [
            ...options.filter((_, i) => options[i - 1] !== '--seed' && options[i] !== '--seed'),
            '--seed',
            seed,
          ];
          const expected = await fromManifest(
            index,
            [...args, '--allow-fewer'].filter(a => a !== '--allow-fewer' || args.includes('--count')),
          );
          const query = await sqlOf(index, args);
          if (query === null) return;
          if (expected[0]?.startsWith('status')) return;
          assert.deepEqual(inPostgres(text.trimEnd().split('\n'), query), expected);
        },
      ),
      { numRuns: 12 },
    );
  });
});
