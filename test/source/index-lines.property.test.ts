import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Clip, sortClips } from '../../src/clip.js';
import { corrupt } from '../../src/probe/reader.js';
import { kineticsClipId } from '../../src/scan/clip-name.js';
import { ClipTable, type TableFolder } from '../../src/scan/clip-table.js';
import type { FolderListing, Probed } from '../../src/scan/folder-scan.js';
import { indexPieces, renderIndex } from '../../src/source/index-file.js';
import { tableIndexLines } from '../../src/source/index-lines.js';
import { loadSource } from '../../src/source/load.js';
import { Parts } from '../../src/source/part.js';
import { assembleSource } from '../../src/source/source.js';
import { labelArb, permutationArb, youtubeIdArb } from '../helpers/datasets.js';
import { fixture } from '../helpers/paths.js';

// `scan` renders a walk's index from its clip table (index-lines.ts); renderIndex over sortClips is the rule.
// Both must give the same bytes for any table: any names, folders that are one class after NFC, subsets
// (duplicates dropped, a split kept), clips in any order, probed rows.

/** File names below a class folder, with what trips JSON, UTF-8 and the Kinetics pattern up. */
const fileArb = fc.oneof(
  fc
    .record({ id: youtubeIdArb, start: fc.nat({ max: 999_989 }), ext: fc.constantFrom('.mp4', '.MKV', '.webm', '') })
    .map(({ id, start, ext }) => `${kineticsClipId(id, start, start + 10)}${ext}`),
  fc
    .record({ dir: fc.constantFrom('', 'sub/', 'a/b/'), id: youtubeIdArb })
    .map(({ dir, id }) => `${dir}${id}_000001_000011.mp4`),
  fc.constantFrom(
    'take "1".mp4',
    'back\\slash.mp4',
    'tab\there.mp4',
    'nul\u0001.mp4',
    'caf\u00e9.mp4',
    'cafe\u0301.mp4',
    '\u{1d11e} music.mp4',
    'lone \ud800 high.mp4',
    'lone \udc00 low.mp4',
    '\u212Abcdefghij_000001_000011.mp4',
    'abcdefghijk_000001_000011.v2.mp4',
    'line\u2028sep.mp4',
    '.mp4',
    'clip.v2.mp4',
  ),
  fc.string({ maxLength: 8 }).map(s => `${s}.mp4`),
);

const folderArb = fc.record({
  split: fc.constantFrom(null, 'train', 'val', 'v\u00e4l'),
  // Two spellings of one class after NFC make two folders of one label.
  label: fc.oneof(labelArb, fc.constantFrom('caf\u00e9', 'cafe\u0301', 'a"b', 'a\\b')),
  files: fc.uniqueArray(fileArb, { maxLength: 12 }),
});

const tableArb = fc
  .record({
    folders: fc.array(folderArb, { minLength: 1, maxLength: 6 }),
    sizes: fc.array(fc.oneof(fc.constant(0), fc.nat(), fc.constant(2 ** 53 - 1)), { minLength: 80, maxLength: 80 }),
    probed: fc.boolean(),
  })
  .map(({ folders, sizes, probed }) => {
    const tableFolders: TableFolder[] = folders.map((f, i) => ({
      path: `${f.split ?? ''}${f.split === null ? '' : '/'}${f.label.normalize('NFD')}${i}`,
      split: f.split,
      label: f.label.normalize('NFC'),
    }));
    let n = 0;
    const listings = folders.map((f, i): FolderListing => {
      const files = f.files;
      const probes: Probed[] = files.map((_, j) => ({ probe: corrupt(`bad ${j}`), mtimeMs: 1000 + j }));
      return {
        folder: (tableFolders[i] as TableFolder).path,
        files,
        sizes: files.map(() => sizes[n++ % sizes.length] as number),
        keys: files.map((_, j) => j),
        fingerprint: [0, 0, 0, 0],
        skipped: [],
        problems: [],
        probes: probed && i % 2 === 0 ? probes : null,
      };
    });
    return new ClipTable(tableFolders, listings, 'seed');
  });

/** A table's clips, some left out, in an order fast-check picks. */
const clipsArb = tableArb.chain(table =>
  fc
    .array(fc.boolean(), { minLength: table.rows, maxLength: table.rows })
    .chain(keep => permutationArb(table.clips().filter((_, row) => keep[row] !== false))),
);

function sourceOf(clips: readonly Clip[]) {
  return assembleSource({
    given: 'root',
    root: '/data/root',
    layout: 'class-tree',
    clips,
    parts: new Parts(),
  });
}

function text(pieces: Iterable<Buffer>): string {
  return Buffer.concat([...pieces]).toString('latin1');
}

describe("an index rendered from a walk's clip table", () => {
  it('is byte for byte the index of the same clips sorted and rendered one by one', () => {
    fc.assert(
      fc.property(clipsArb, clips => {
        const source = sourceOf(clips);
        // The table's own rendering, not the fallback, is what is compared.
        if (source.clips.length > 0)
          assert.notEqual(
            tableIndexLines(source.clips, () => ''),
            null,
          );
        assert.equal(text(indexPieces(source)), text(renderIndex(source, sortClips(source.clips))));
      }),
      { numRuns: 300 },
    );
  });

  it('is made from the table only when every clip is a distinct row of one table', async () => {
    const walked = await loadSource(fixture('kinetics-mini'));
    const clips = walked.clips;
    assert.notEqual(
      tableIndexLines(clips, () => ''),
      null,
    );
    assert.equal(
      tableIndexLines([...clips, clips[0] as Clip], () => ''),
      null,
    );
    const plain = clips.map(
      (c): Clip => ({
        path: c.path,
        label: c.label,
        clipId: c.clipId,
        youtubeId: c.youtubeId,
        timeStart: c.timeStart,
        timeEnd: c.timeEnd,
        split: c.split,
        sizeBytes: c.sizeBytes,
      }),
    );
    assert.equal(
      tableIndexLines(plain, () => ''),
      null,
    );
    assert.equal(text(indexPieces(walked)), text(renderIndex(walked, sortClips(clips))));
  });

  it('hands an index on in blocks, a line longer than a block included, without changing a byte', () => {
    const listing = (folder: string, files: string[]): FolderListing => ({
      folder,
      files,
      sizes: files.map((_, i) => i * 1_000_003),
      keys: files.map((_, i) => i),
      fingerprint: [0, 0, 0, 0],
      skipped: [],
      problems: [],
      probes: null,
    });
    const many = Array.from(
      { length: 6000 },
      (_, i) => `${kineticsClipId(`id${String(i).padStart(9, '0')}`, 0, 10)}.mp4`,
    );
    const clips = new ClipTable(
      [
        { path: 'c', split: null, label: 'c' },
        { path: 'd', split: null, label: 'd' },
      ],
      [listing('c', many), listing('d', [`${'x'.repeat(1_100_000)}.mp4`])],
      's',
    ).clips();
    const source = sourceOf(clips);
    const blocks = [...indexPieces(source)];
    assert.ok(blocks.length > 3, `${blocks.length} blocks`);
    assert.equal(text(blocks), text(renderIndex(source, sortClips(source.clips))));
  });
});
