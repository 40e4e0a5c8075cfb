import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DatasetError } from '../../src/errors.js';
import { parseAwsS3Ls } from '../../src/listing/aws-s3-ls.js';
import { listingFormatsOf } from '../../src/listing/detect-listing.js';
import { parseGcloudLs } from '../../src/listing/gcloud-ls.js';
import { parseGcsInventoryCsv } from '../../src/listing/gcs-inventory.js';
import { textLines } from '../../src/listing/listing-lines.js';
import { listingLines, readListingText } from '../../src/listing/listing-text.js';
import { parsePathsCsv } from '../../src/listing/paths-csv.js';
import { readListing } from '../../src/listing/read-listing.js';
import { readS3Inventory, urlDecoded } from '../../src/listing/s3-inventory.js';
import { loadSource } from '../../src/source/load.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { LISTING_FIXTURES } from './listing-helpers.js';

// The parsers read lines from a source; these read them from a string.
const aws = (text: string, file: string) => parseAwsS3Ls(textLines(text), file);
const gcloud = (text: string, file: string) => parseGcloudLs(textLines(text), file);
const pathsCsv = (text: string, file: string) => parsePathsCsv(textLines(text), file);
const gcsCsv = (text: string, file: string) => parseGcsInventoryCsv(textLines(text), file);

const fails = (pattern: RegExp) => (error: unknown) =>
  error instanceof DatasetError && pattern.test(error.message) && !error.message.includes('\n');

describe('telling listing formats apart', () => {
  for (const { format, file } of LISTING_FIXTURES)
    it(`${file} is ${format}`, () => {
      assert.equal(listingFormatsOf(fixture('listings', file), file)[0], format);
    });

  it('is none for what is no listing: a k400-slice index, other text, binary bytes', async () => {
    const dir = tempDir();
    const files = {
      'index.jsonl': '{"k400_slice_index": 1}\n',
      'notes.txt': 'just some notes\nand more\n',
      'binary.bin': Buffer.from([0, 255, 254, 10, 200, 201, 10]),
      'annotations.csv': 'label,youtube_id,time_start,time_end,split\n',
    };
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, name), content);
      assert.deepEqual(listingFormatsOf(join(dir, name), name), [], name);
    }
  });

  it('reads a gzipped listing of any format by its content', async () => {
    const path = join(tempDir(), 'listing.gz');
    writeFileSync(path, gzipSync('2024-01-02 03:04:05        12 k400/a/b.mp4\n'));
    assert.deepEqual(listingFormatsOf(path, 'listing.gz'), ['aws-s3-ls']);
    assert.deepEqual((await readListing(path, 'listing.gz', 'aws-s3-ls')).keys.objects(), [
      { key: 'k400/a/b.mp4', size: 12 },
    ]);
  });
});

describe('aws s3 ls --recursive', () => {
  it('keeps spaces inside and at the ends of keys, reads CRLF, and checks the totals', async () => {
    const text = [
      '2024-01-02 03:04:05       1234 k400/air drumming/my clip.mp4',
      '2024-01-02 03:04:05          0 k400/a/ two  spaces .mp4 ',
      '2024-01-02 03:04:05 12345678901 k400/big.mp4',
      '',
      'Total Objects: 3',
      '   Total Size: 12345680135',
    ].join('\r\n');
    const listing = await aws(text, 'ls.txt');
    assert.deepEqual(listing.keys.objects(), [
      { key: 'k400/air drumming/my clip.mp4', size: 1234 },
      { key: 'k400/a/ two  spaces .mp4 ', size: 0 },
      { key: 'k400/big.mp4', size: 12345678901 },
    ]);
    assert.equal(listing.bucket, null);
  });

  it('refuses a cut-off copy, rounded sizes, folder lines and other text, naming the line', async () => {
    const line = '2024-01-02 03:04:05       1234 k400/a.mp4';
    await assert.rejects(aws(`${line}\n\nTotal Objects: 2\n`, 'ls.txt'), fails(/says 2 objects but 1/));
    await assert.rejects(
      aws('2024-01-02 03:04:05    1.2 KiB k400/a.mp4\n', 'ls.txt'),
      fails(/line 1: .*--human-readable/),
    );
    await assert.rejects(aws(`${line}\n                           PRE k400/\n`, 'ls.txt'), fails(/line 2: .*PRE/));
    await assert.rejects(aws(`${line}\n2024-01-02 03:0`, 'ls.txt'), fails(/ls.txt line 2: not a line/));
  });
});

describe('gcloud storage ls -l -r', () => {
  const text = [
    'gs://b/k400/:',
    '      1234  2024-01-02T03:04:05Z  gs://b/k400/a b/c "d".mp4',
    '',
    'gs://b/k400/x/:',
    '        10  2024-01-02T03:04:05Z  gs://b/k400/x/é.mp4',
    'TOTAL: 2 objects, 1244 bytes (1.21kiB)',
  ];

  it('reads the bucket, the prefix from the first folder line, and keys with spaces and quotes', async () => {
    const listing = await gcloud(text.join('\n'), 'gs.txt');
    assert.equal(listing.bucket, 'gs://b');
    assert.equal(listing.prefix, 'k400/');
    assert.deepEqual(listing.keys.objects(), [
      { key: 'k400/a b/c "d".mp4', size: 1234 },
      { key: 'k400/x/é.mp4', size: 10 },
    ]);
  });

  it('refuses a TOTAL that disagrees, a second bucket and rounded sizes', async () => {
    await assert.rejects(gcloud(text.slice(0, 3).concat(text.slice(5)).join('\n'), 'gs.txt'), fails(/TOTAL/));
    const other = [...text.slice(0, 4), '        10  2024-01-02T03:04:05Z  gs://c/k400/x/e.mp4'];
    await assert.rejects(gcloud(other.join('\n'), 'gs.txt'), fails(/line 5: gs:\/\/c is a second bucket/));
    await assert.rejects(
      gcloud('    1.2kiB  2024-01-02T03:04:05Z  gs://b/a.mp4\n', 'gs.txt'),
      fails(/--readable-sizes/),
    );
  });
});

describe('a path,size listing', () => {
  it('reads relative paths or URIs in any column order, quoted fields and CRLF', async () => {
    const relative = await pathsCsv('size,path\r\n12,"a, b/c.mp4"\r\n0,d/e.mp4\r\n', 'p.csv');
    assert.deepEqual(relative.keys.objects(), [
      { key: 'a, b/c.mp4', size: 12 },
      { key: 'd/e.mp4', size: 0 },
    ]);
    assert.equal(relative.relative, true);
    const uris = await pathsCsv('path,size\ns3://b/k/a.mp4,1\n', 'p.csv');
    assert.deepEqual([uris.bucket, uris.keys.objects()[0]?.key, uris.relative], ['s3://b', 'k/a.mp4', false]);
  });

  it('refuses mixed URIs and paths, two buckets, a bad size and a header without the columns', async () => {
    await assert.rejects(pathsCsv('path,size\ns3://b/a.mp4,1\nc.mp4,2\n', 'p.csv'), fails(/line 3: mixes/));
    await assert.rejects(pathsCsv('path,size\ns3://b/a,1\ngs://b/c,2\n', 'p.csv'), fails(/second bucket/));
    await assert.rejects(pathsCsv('path,size\na.mp4,-1\n', 'p.csv'), fails(/line 2: size '-1'/));
    await assert.rejects(pathsCsv('path,size\na.mp4,1.5\n', 'p.csv'), fails(/size '1.5'/));
    await assert.rejects(pathsCsv('file,bytes\na.mp4,1\n', 'p.csv'), fails(/names no path and size/));
  });
});

describe('a GCS inventory report', () => {
  it('reads bucket, name and size among other columns, and refuses a second bucket', async () => {
    const text = 'project,bucket,name,size\np,b,k400/a b.mp4,5\np,b,"k400/c,d.mp4",6\n';
    const listing = await gcsCsv(text, 'inv.csv');
    assert.equal(listing.bucket, 'gs://b');
    assert.deepEqual(
      listing.keys.objects().map(o => o.key),
      ['k400/a b.mp4', 'k400/c,d.mp4'],
    );
    await assert.rejects(gcsCsv(`${text}p,c,x.mp4,1\n`, 'inv.csv'), fails(/line 4: gs:\/\/c/));
  });
});

describe('an S3 Inventory report', () => {
  const manifest = (dir: string, data: Buffer | string, extra: Record<string, unknown> = {}) => {
    writeFileSync(join(dir, 'f1.csv.gz'), data);
    const json = {
      sourceBucket: 'b',
      fileFormat: 'CSV',
      fileSchema: 'Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size',
      files: [{ key: 'inv/b/cfg/data/f1.csv.gz', size: Buffer.byteLength(data), MD5checksum: 'x' }],
      ...extra,
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(json));
    return json;
  };

  it('decodes URL-encoded keys (+ a space, quotes, unicode, a literal %2F) and keeps only live objects', async () => {
    const dir = tempDir();
    const rows = [
      '"b","k400/air+drumming/my+%22clip%22.mp4","","true","false","10"',
      '"b","k400/p%C3%A9tanque/a%252Fb.mp4","","true","false","11"',
      '"b","k400/old.mp4","v1","false","false","12"',
      '"b","k400/gone.mp4","v2","true","true","0"',
    ];
    const json = manifest(dir, gzipSync(`${rows.join('\r\n')}\r\n`));
    const listing = await readS3Inventory(join(dir, 'manifest.json'), 'manifest.json', json);
    assert.equal(listing.bucket, 's3://b');
    assert.deepEqual(listing.keys.objects(), [
      { key: 'k400/air drumming/my "clip".mp4', size: 10 },
      { key: 'k400/pétanque/a%2Fb.mp4', size: 11 },
    ]);
  });

  it('refuses ORC, a data file not downloaded, a cut-off gzip, short rows and bad encodings', async () => {
    const dir = tempDir();
    const good = gzipSync('"b","k400/a.mp4","","true","false","10"\n'.repeat(50));
    const read = (json: unknown) => readS3Inventory(join(dir, 'manifest.json'), 'manifest.json', json);
    await assert.rejects(read(manifest(dir, good, { fileFormat: 'ORC' })), fails(/ORC inventory.*CSV or Parquet/));
    await assert.rejects(
      read(manifest(dir, good, { files: [{ key: 'inv/data/missing.csv.gz' }] })),
      fails(/missing.csv.gz is not beside it/),
    );
    await assert.rejects(read(manifest(dir, good.subarray(0, good.length - 12))), fails(/not a whole gzip file/));
    await assert.rejects(read(manifest(dir, gzipSync('"b","k400/a.mp4"\n'))), fails(/line 1: 2 fields/));
    await assert.rejects(read(manifest(dir, good, { fileSchema: 'Bucket, Key' })), fails(/names no Key and Size/));
    await assert.rejects(read({ sourceBucket: 'b', files: [] }), fails(/not an S3 Inventory manifest/));
    assert.throws(() => urlDecoded('k400/%E0%A4%A.mp4', 'f.csv', 3), fails(/line 3: key .* not URL-encoded/));
  });
});

describe('listing text', () => {
  it('drops a BOM and CRs, and keeps a last line without a newline', async () => {
    const path = join(tempDir(), 'l.txt');
    writeFileSync(path, '\uFEFFa\r\nb\r\nc');
    assert.deepEqual(listingLines(readListingText(path, 'l.txt')), ['a', 'b', 'c']);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const path = join(tempDir(), 'l.txt');
    writeFileSync(path, Buffer.from([0x61, 0xff, 0x0a]));
    assert.throws(() => readListingText(path, 'l.txt'), fails(/not UTF-8/));
  });
});

describe('listing loaders', () => {
  it('are detected in order, and --layout picks another format a file also fits', async () => {
    const path = join(tempDir(), 'both.csv');
    writeFileSync(path, 'bucket,name,size,path\nb,k400/a/x.mp4,5,a/x.mp4\nb,k400/b/y.mp4,6,b/y.mp4\n');
    const detected = await loadSource(path);
    assert.equal(detected.root, 'gs://b/k400/');
    const forced = await loadSource(path, { layout: 'path-listing', prefix: 's3://c/data/' });
    assert.equal(forced.root, 's3://c/data/');
    assert.deepEqual(forced.clips.map(c => c.path).sort(), detected.clips.map(c => c.path).sort());
  });

  it('name the format a file is in when --layout names another', async () => {
    await assert.rejects(
      loadSource(fixture('listings', 'gcloud-ls.txt'), { layout: 'aws-s3-ls' }),
      fails(/--layout aws-s3-ls does not fit .*: a listing in gcloud-ls$/),
    );
  });
});

describe('keys no folder could hold', () => {
  it('are reported and left out, and a key listed twice keeps its first size', async () => {
    const path = join(tempDir(), 'odd.csv');
    const rows = ['a/x_000001.mp4,5', 'a//y.mp4,6', 'a/./z.mp4,7', '../b/w.mp4,8', 'a/x_000001.mp4,9', 'b/v.mp4,3'];
    writeFileSync(path, `path,size\n${rows.join('\n')}\n`);
    const source = await loadSource(path, { prefix: 's3://b/k/' });
    assert.deepEqual(source.clips.map(c => `${c.path} ${c.sizeBytes}`).sort(), ['a/x_000001.mp4 5', 'b/v.mp4 3']);
    assert.deepEqual(
      source.report.problems.map(p => `${p.path}: ${p.message}`),
      [
        "../b/w.mp4: a key with an empty, '.' or '..' part: not read",
        "a/./z.mp4: a key with an empty, '.' or '..' part: not read",
        "a//y.mp4: a key with an empty, '.' or '..' part: not read",
        'a/x_000001.mp4: listed twice: the first size is kept',
      ],
    );
  });
});
