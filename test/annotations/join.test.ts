import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AnnotationRow, AnnotationTable } from '../../src/annotations/annotation-table.js';
import { type FoundFiles, joinFiles } from '../../src/annotations/join.js';
import { kineticsClipId } from '../../src/scan/clip-name.js';
import type { Probed } from '../../src/scan/folder-scan.js';

/** A found file held as an object, as a test writes one. */
interface FoundFile {
  readonly path: string;
  readonly clipId: string;
  readonly stem: string;
  readonly sizeBytes: number;
  readonly folderLabel: string | null;
  readonly folderSplit: string | null;
  readonly probed: Probed | null;
}

/** Files held as objects, seen as the join sees files. */
class FoundFileList implements FoundFiles {
  constructor(private readonly list: readonly FoundFile[]) {}
  get count(): number {
    return this.list.length;
  }
  private at(file: number): FoundFile {
    return this.list[file] as FoundFile;
  }
  path(file: number): string {
    return this.at(file).path;
  }
  clipId(file: number): string {
    return this.at(file).clipId;
  }
  stem(file: number): string {
    return this.at(file).stem;
  }
  sizeBytes(file: number): number {
    return this.at(file).sizeBytes;
  }
  folderLabel(file: number): string | null {
    return this.at(file).folderLabel;
  }
  folderSplit(file: number): string | null {
    return this.at(file).folderSplit;
  }
  probed(file: number): Probed | null {
    return this.at(file).probed;
  }
}

function row(youtubeId: string, start: number, label: string | null, split = 'train'): AnnotationRow {
  return {
    clipId: kineticsClipId(youtubeId, start, start + 10),
    label,
    youtubeId,
    timeStart: start,
    timeEnd: start + 10,
    split,
    file: 'a.csv',
  };
}
function file(path: string, size = 10): FoundFile {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const stem = name.slice(0, name.lastIndexOf('.'));
  return { path, clipId: stem, stem, sizeBytes: size, folderLabel: null, folderSplit: null, probed: null };
}

/** The join of files and rows given as objects, read back as objects: clips, and the rest as paths and rows. */
function join(files: FoundFile[], rows: AnnotationRow[]) {
  const table = AnnotationTable.of(rows);
  const result = joinFiles(new FoundFileList(files), table);
  return {
    clips: Array.from(result.rows, (row, i) => ({ ...table.row(row), path: files[result.files[i] as number]?.path })),
    unannotated: result.unannotated.map(file => files[file] as FoundFile),
    missing: result.missing.map(row => table.row(row)),
    duplicates: result.duplicates.map(d => ({ dropped: d.dropped.map(file => files[file] as FoundFile) })),
    conflicts: result.conflicts,
  };
}

describe('joining files to annotation rows', () => {
  it('joins by clip id, and by a lone youtube id only when that id has one row', () => {
    const rows = [
      row('aaaaaaaaaaa', 0, 'x'),
      row('bbbbbbbbbbb', 5, 'y'),
      row('ccccccccccc', 1, 'z'),
      row('ccccccccccc', 40, 'w'),
    ];
    const result = join(
      [
        file('t/aaaaaaaaaaa_000000_000010.mp4'),
        file('t/bbbbbbbbbbb.mkv'),
        file('t/ccccccccccc.mp4'),
        file('t/zzzzzzzzzzz.mp4'),
      ],
      rows,
    );
    assert.deepEqual(
      result.clips.map(c => [c.clipId, c.label, c.path]),
      [
        ['aaaaaaaaaaa_000000_000010', 'x', 't/aaaaaaaaaaa_000000_000010.mp4'],
        ['bbbbbbbbbbb_000005_000015', 'y', 't/bbbbbbbbbbb.mkv'],
      ],
    );
    assert.deepEqual(
      result.unannotated.map(f => f.path),
      ['t/ccccccccccc.mp4', 't/zzzzzzzzzzz.mp4'],
    ); // two rows: ambiguous
    assert.deepEqual(
      result.missing.map(r => r.clipId),
      ['ccccccccccc_000001_000011', 'ccccccccccc_000040_000050'],
    );
  });

  it('keeps one youtube id with two segments as two clips with their own labels (Kinetics-700 val)', () => {
    const rows = [row('ddddddddddd', 7, 'abseiling', 'val'), row('ddddddddddd', 83, 'zumba', 'val')];
    const result = join([file('v/ddddddddddd_000083_000093.mp4'), file('v/ddddddddddd_000007_000017.mp4')], rows);
    assert.deepEqual(
      result.clips.map(c => `${c.clipId}=${c.label}`),
      ['ddddddddddd_000007_000017=abseiling', 'ddddddddddd_000083_000093=zumba'],
    );
  });

  it('prefers a replacement/ copy, then the path that sorts first; reports the rest as duplicates', () => {
    const rows = [row('eeeeeeeeeee', 0, 'x')];
    const result = join(
      [
        file('train/eeeeeeeeeee_000000_000010.mp4'),
        file('replacement/r/eeeeeeeeeee_000000_000010.mp4'),
        file('a/eeeeeeeeeee.mp4'),
      ],
      rows,
    );
    assert.equal(result.clips[0]?.path, 'replacement/r/eeeeeeeeeee_000000_000010.mp4');
    assert.deepEqual(
      result.duplicates[0]?.dropped.map(f => f.path),
      ['a/eeeeeeeeeee.mp4', 'train/eeeeeeeeeee_000000_000010.mp4'],
    );
  });

  it('keeps the first of two rows that give one clip different labels, and says so', () => {
    const result = join([], [row('fffffffffff', 0, 'x'), row('fffffffffff', 0, 'y')]);
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.missing[0]?.label, 'x');
  });
});
