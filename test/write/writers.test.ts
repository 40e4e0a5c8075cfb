import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../../src/errors.js';
import { type Manifest, manifestSchema } from '../../src/manifest/schema.js';
import { chooseWriter, renderManifest, writers } from '../../src/write/writers/index.js';

const provenance = {
  tool: { name: 'k400-slice', version: '0.0.0' },
  selection_rule: { name: 'md5-smallest-keys', version: 1 },
  seed: '0',
  options: {},
  source: { given: 'data', layout: 'class-tree', splits: [] },
  input_fingerprint: 'sha256:0',
  counts: { scanned: 2, skipped: {}, eligible: 2, selected: 2, per_class: [] },
  format: 'csv',
};
const manifest: Manifest = {
  provenance,
  classes: [
    { label: 'a, "b"', label_index: 0, clips: 1 },
    { label: 'c', label_index: 1, clips: 1 },
  ],
  clips: [
    {
      path: 'a, "b"/x y.mp4',
      label: 'a, "b"',
      label_index: 0,
      clip_id: 'x y',
      youtube_id: null,
      time_start: null,
      time_end: null,
      split: null,
      size_bytes: 3,
    },
    {
      path: 'c/abcdefghijk_000001_000011.mp4',
      label: 'c',
      label_index: 1,
      clip_id: 'abcdefghijk_000001_000011',
      youtube_id: 'abcdefghijk',
      time_start: 1,
      time_end: 11,
      split: 'train',
      size_bytes: 4,
    },
  ],
};

describe('writers', () => {
  it('csv: fixed header, empty cells for unknowns, quoting that a CSV reader undoes', () => {
    const text = renderManifest(writers.csv, manifest);
    const lines = text.split('\n');
    assert.equal(lines[0], 'path,label,label_index,clip_id,youtube_id,time_start,time_end,split');
    assert.equal(lines[1], '"a, ""b""/x y.mp4","a, ""b""",0,x y,,,,');
    assert.equal(lines[2], 'c/abcdefghijk_000001_000011.mp4,c,1,abcdefghijk_000001_000011,abcdefghijk,1,11,train');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    assert.equal(rows[0]?.label, 'a, "b"');
  });

  it('json: the whole manifest, which the manifest schema reads back unchanged', () => {
    const text = renderManifest(writers.json, manifest);
    assert.deepEqual(manifestSchema.parse(JSON.parse(text)), manifest);
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /\n {4}\{"path":"c\/abcdefghijk_000001_000011.mp4",/); // one clip a line
  });

  it('jsonl: one clip object a line', () => {
    const lines = renderManifest(writers.jsonl, manifest).trimEnd().split('\n');
    assert.deepEqual(
      lines.map(line => JSON.parse(line)),
      manifest.clips,
    );
  });

  it('chooses the format from --format, else the extension, csv on stdout; refuses an unknown extension', () => {
    assert.equal(chooseWriter(undefined, '-').name, 'csv');
    assert.equal(chooseWriter(undefined, 'm/x.JSON').name, 'json');
    assert.equal(chooseWriter(undefined, 'x.ndjson').name, 'jsonl');
    assert.equal(chooseWriter('json', 'x.csv').name, 'json');
    assert.throws(
      () => chooseWriter(undefined, 'x.txt'),
      (e: unknown) =>
        e instanceof UsageError &&
        e.hint === 'add --format csv|json|jsonl|mmaction|pytorchvideo|dali|kinetics|urls|yt-dlp',
    );
  });
});
