import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { fixture } from '../helpers/paths.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { run, stubYtDlp } from './plan-helpers.js';

const VAL = fixture('plan', 'k400-val-official.csv');

const records = (csv: string): Record<string, string>[] => parse(csv, { columns: true });

describe('plan, download, slice: the whole loop with a stub yt-dlp', () => {
  it('clips lost within the spares give the slice of a complete copy missing them; --have plans the rest', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan.sh');
    const planned = await run(['slice', '--annotations', VAL, '--per-class', '3', '--spare', '1', '-o', plan]);
    assert.equal(planned.status, 0, planned.stderr);
    const rows = records((await run(['slice', '--annotations', VAL, '--per-class', '4'])).stdout);
    const quota = new Set(
      records((await run(['slice', '--annotations', VAL, '--per-class', '3'])).stdout).map(r => r.clip_id),
    );
    // A clip in the quota of one class and the spare of another never arrive.
    const inQuota = rows.find(r => quota.has(r.clip_id)) as Record<string, string>;
    const spare = rows.find(r => !quota.has(r.clip_id) && r.label !== inQuota.label) as Record<string, string>;
    const lost = [inQuota, spare];
    const k400 = join(dir, 'k400');
    mkdirSync(k400);
    const { bin } = stubYtDlp(
      dir,
      lost.map(r => r.youtube_id as string),
    );
    const download = spawnSync('sh', [plan], {
      cwd: k400,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    assert.equal(download.status, 1);
    assert.match(download.stderr, /^2 clip\(s\) failed to download$/m);

    const complete = join(dir, 'complete');
    const all = records((await run(['slice', '--annotations', VAL])).stdout);
    const lostIds = new Set(lost.map(r => r.clip_id));
    writeTree(complete, Object.fromEntries(all.filter(r => !lostIds.has(r.clip_id)).map(r => [r.path, 'video'])));
    const got = await run(['slice', k400, '--annotations', VAL, '--per-class', '3', '--threads', '1']);
    const whole = await run(['slice', complete, '--annotations', VAL, '--per-class', '3', '--threads', '1']);
    assert.equal(got.status, 0, got.stderr);
    assert.equal(got.stdout, whole.stdout);
    assert.equal(records(got.stdout).length, 15);

    const more = await run(['slice', '--annotations', VAL, '--per-class', '6', '--have', k400]);
    const wanted = records((await run(['slice', '--annotations', VAL, '--per-class', '6'])).stdout);
    const have = new Set(rows.filter(r => !lostIds.has(r.clip_id)).map(r => r.clip_id));
    assert.deepEqual(
      records(more.stdout).map(r => r.clip_id),
      wanted.filter(r => !have.has(r.clip_id as string)).map(r => r.clip_id),
    );
    assert.match(more.stderr, /val: 30 clips planned, 18 already present, 12 to download/);
    assert.ok(readFileSync(plan, 'utf8').includes('--download-sections'));
  });
});
