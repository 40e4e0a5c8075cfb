import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clip } from '../../src/clip.js';
import { clipKey } from '../../src/select/clip-key.js';
import { ClipColumns, type IndexRow } from '../../src/source/clip-columns.js';
import { StringColumn } from '../../src/source/string-column.js';

const probed = {
  mtimeMs: 5,
  probe: {
    status: 'ok' as const,
    reason: null,
    duration_s: 10,
    fps: 25,
    num_frames: 250,
    width: 340,
    height: 256,
    codec: 'h264',
  },
};

// Rows as an index holds them: Kinetics names, a nested non-Kinetics name, a path the clip id is not in, a row
// whose Kinetics fields differ from its clip id's, no label, no size, and a probe.
const rows: IndexRow[] = [
  kinetics('train', 'abseiling', 'abcdefghijk_000001_000011', '.mp4', 100),
  kinetics('train', 'abseiling', 'bcdefghijkl_000002_000012', '.mkv', 0),
  {
    ...kinetics('val', 'juggling', 'juggling/nested/take 1', '.webm', 7),
    youtubeId: null,
    timeStart: null,
    timeEnd: null,
  },
  { ...kinetics('val', 'juggling', 'cdefghijklm_000003_000013', '.mp4', 9), path: 'val/elsewhere/renamed.mp4' },
  { ...kinetics('val', 'juggling', 'defghijklmn_000004_000014', '.mp4', 9), youtubeId: 'other', timeStart: 4 },
  { ...kinetics(null, null, 'efghijklmno_000005_000015', '.mp4', null), path: 'efghijklmno_000005_000015.mp4' },
  { ...kinetics('train', 'abseiling', 'fghijklmnop_000006_000016', '.mp4', 3), probed },
];

function kinetics(
  split: string | null,
  label: string | null,
  clipId: string,
  ext: string,
  sizeBytes: number | null,
): IndexRow {
  const [youtubeId, start, end] = clipId.includes('/') ? [null, null, null] : clipId.split('_');
  return {
    path: `${split}/${label}/${clipId}${ext}`,
    label,
    clipId,
    split,
    sizeBytes,
    youtubeId: youtubeId ?? null,
    timeStart: start === undefined || start === null ? null : Number(start),
    timeEnd: end === undefined || end === null ? null : Number(end),
    probed: null,
  };
}

function fields(clip: Clip): unknown[] {
  return [
    clip.path,
    clip.label,
    clip.clipId,
    clip.split,
    clip.sizeBytes,
    clip.youtubeId,
    clip.timeStart,
    clip.timeEnd,
    clip.probe ?? null,
    clip.mtimeMs ?? null,
  ];
}

describe("an index's clip table", () => {
  const table = new ClipColumns('seed', 'md5-sum:0');
  for (const row of rows) table.add(row);
  table.finish();

  it('gives back every row as it was added, as a clip of its own and through the reused view', () => {
    const expected = rows.map(r => [
      r.path,
      r.label,
      r.clipId,
      r.split,
      r.sizeBytes,
      r.youtubeId,
      r.timeStart,
      r.timeEnd,
      r.probed?.probe ?? null,
      r.probed?.mtimeMs ?? null,
    ]);
    assert.deepEqual(
      rows.map((_, row) => fields(table.clipAt(row))),
      expected,
    );
    assert.deepEqual(
      rows.map((_, row) => fields(table.look(row))),
      expected,
    );
  });

  it('groups rows by split and label, and hashes each key once for its seed', () => {
    assert.equal(table.rows, rows.length);
    assert.deepEqual(table.groups, [
      { split: 'train', label: 'abseiling' },
      { split: 'val', label: 'juggling' },
      { split: null, label: null },
    ]);
    assert.deepEqual([...table.groupOf], [0, 0, 1, 1, 1, 2, 0]);
    assert.deepEqual(
      [...table.keys],
      rows.map(r => clipKey('seed', r.clipId)),
    );
  });
});

describe('a string column', () => {
  it('gives back each string, across the blocks it is joined in, before and after they are sealed', () => {
    const column = new StringColumn();
    const texts = Array.from({ length: 9000 }, (_, i) => (i % 7 === 0 ? '' : `id-${i}-${'é'.repeat(i % 5)}`));
    texts.forEach((text, i) => {
      column.push(text);
      assert.equal(column.get(i), text);
    });
    column.seal();
    assert.deepEqual(
      texts.map((_, i) => column.get(i)),
      texts,
    );
  });
});
