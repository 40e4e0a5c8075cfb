// Regenerates fixtures/listings/: one synthetic Kinetics-like bucket written as every listing format the
// tool reads. The files are committed, so tests never run this; run it only to change them:
//   node scripts/make-listing-fixtures.mjs
// Output is byte-for-byte reproducible: names and sizes come from hashes, dates are fixed, gzip headers
// carry no time. The Parquet files need DuckDB (the optional dependency).
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'listings');
const BUCKET = 'k400-bucket';
const PREFIX = 'kinetics/';
const DATE = '2024-03-05';
const TIME = '06:07:08';
// A GCS report's files are named by its configuration's id and the snapshot (here without the time's colons,
// which some file systems refuse).
const GCS_CONFIG = '1a34f2e4-12b4-1c3d-9e8f-0a1b2c3d4e5f';
const GCS_SNAPSHOT = '2024-03-05T06-07';

function hash(text) {
  return createHash('md5').update(text).digest();
}

/** An 11-character youtube-like id derived from a name. */
function youtubeId(name) {
  return hash(name).toString('base64url').slice(0, 11);
}

function kineticsName(id, start, ext = 'mp4') {
  return `${id}_${String(start).padStart(6, '0')}_${String(start + 10).padStart(6, '0')}.${ext}`;
}

/** A size from a name: most clips a few hundred kilobytes, like Kinetics' 10-second clips. */
function sizeOf(name) {
  return 100_000 + (hash(name).readUInt32BE(0) % 900_000);
}

// The classes carry the names that break naive tools: spaces, parentheses, an apostrophe, a non-ASCII
// letter, one written in NFD (a class of its own until NFC), and `+` and `%` that URL-encoding must keep.
const CLASSES = {
  abseiling: { train: 30, val: 6 },
  'air drumming': { train: 28, val: 5 },
  'hurling (sport)': { train: 25, val: 5 },
  "massaging person's head": { train: 26, val: 4 },
  'passing American football (in game)': { train: 27, val: 6 },
  'playing pétanque': { train: 24, val: 5 },
  'salsa + tango 100%': { train: 22, val: 4 },
  zumba: { train: 29, val: 6 },
};

/** The split tree's keys below the prefix, with sizes: the one key set every listing format is made of. */
function splitTreeKeys() {
  const keys = [];
  for (const [label, counts] of Object.entries(CLASSES)) {
    for (const [split, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) {
        const name = kineticsName(youtubeId(`${split}/${label}/${i}`), (i * 17) % 300);
        keys.push([`${split}/${label}/${name}`, sizeOf(name)]);
      }
    }
  }
  const dup = kineticsName(youtubeId('train/abseiling/0'), 0);
  keys.push(
    // The same clip in two classes: a duplicate, the copy in the first path kept.
    [`train/zumba/${dup}`, sizeOf(dup)],
    // An empty file: listed, never selected.
    [`train/zumba/${kineticsName(youtubeId('empty'), 5)}`, 0],
    // Names that are not youtube ids, with spaces, quotes, a literal %2F and unicode.
    ['train/air drumming/my clip "take 2".mp4', 4321],
    ['train/air drumming/a%2Fb clip.mp4', 1234],
    ['train/playing pétanque/été à Paris.mkv', 98765],
    // A clip one folder down, junk to skip, and another extension.
    [`val/zumba/extra/${kineticsName(youtubeId('nested'), 20)}`, 55555],
    ['train/zumba/.DS_Store', 6148],
    [`train/zumba/._${kineticsName(youtubeId('train/zumba/1'), 17)}`, 4096],
    [`train/abseiling/${kineticsName(youtubeId('partial'), 30)}.part`, 777],
    ['train/abseiling/download.log', 300],
    // A class written in NFD: one class with its NFC spelling after normalization.
    [`val/playing pe\u0301tanque/${kineticsName(youtubeId('nfd'), 40)}`, 4444],
    // An empty class folder, kept by the console's folder marker: it still takes a label_index.
    ['val/yoga/', 0],
  );
  return keys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A class tree (no split folders) of the same classes: the train clips alone. */
function classTreeKeys() {
  return splitTreeKeys()
    .filter(([key]) => key.startsWith('train/'))
    .map(([key, size]) => [key.slice('train/'.length), size]);
}

/**
 * A CVDF download: annotations/<split>.csv beside flat <split>/ folders of clips named by clip id. Some rows
 * have no file, one file no row, and one file is named by its youtube id alone.
 */
function cvdfKeys() {
  const rows = { train: [], val: [] };
  const keys = [];
  for (const [label, counts] of Object.entries(CLASSES)) {
    for (const [split, n] of Object.entries(counts)) {
      for (let i = 0; i < Math.ceil(n / 2); i++) {
        const id = youtubeId(`cvdf/${split}/${label}/${i}`);
        const start = (i * 13) % 250;
        rows[split].push([label, id, start, start + 10]);
        // Every seventh row was never downloaded; every eleventh is named by its youtube id alone.
        if (i % 7 === 6) continue;
        const name = i % 11 === 10 ? `${id}.mp4` : kineticsName(id, start);
        keys.push([`${split}/${name}`, sizeOf(name)]);
      }
    }
  }
  keys.push([`train/${kineticsName(youtubeId('stray'), 1)}`, 2222], ['train/download.log', 120]);
  const csv = {};
  for (const [split, list] of Object.entries(rows)) {
    const lines = list.map(([label, id, start, end]) => `${csvField(label)},${id},${start},${end},${split},0`);
    csv[split] = `label,youtube_id,time_start,time_end,split,is_cc\n${lines.join('\n')}\n`;
    keys.push([`annotations/${split}.csv`, Buffer.byteLength(csv[split])]);
  }
  return { keys: keys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), csv };
}

function csvField(text) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** S3 Inventory's CSV key encoding: form-encoded UTF-8, a space as `+`. */
function formEncoded(key) {
  return encodeURIComponent(key)
    .replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+')
    .replaceAll('%2F', '/');
}

function write(path, content) {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), content);
}

function pathsCsv(keys) {
  return `path,size\n${keys.map(([key, size]) => `${csvField(key)},${size}`).join('\n')}\n`;
}

function awsS3Ls(keys) {
  const lines = keys.map(([key, size]) => `${DATE} ${TIME} ${String(size).padStart(10)} ${PREFIX}${key}`);
  const total = keys.reduce((sum, [, size]) => sum + size, 0);
  return `${lines.join('\n')}\n\nTotal Objects: ${keys.length}\n   Total Size: ${total}\n`;
}

/**
 * `gcloud storage ls -l -r`: a line naming each folder, the listed one first and every folder below it, its
 * objects under it, then the TOTAL line.
 */
function gcloudLs(keys) {
  const base = `gs://${BUCKET}/${PREFIX}`;
  const byFolder = new Map([['', []]]);
  for (const [key, size] of keys) {
    const folder = key.slice(0, key.lastIndexOf('/') + 1);
    for (let at = folder.indexOf('/'); at >= 0; at = folder.indexOf('/', at + 1))
      if (!byFolder.has(folder.slice(0, at + 1))) byFolder.set(folder.slice(0, at + 1), []);
    byFolder.get(folder).push([key, size]);
  }
  const blocks = [...byFolder.keys()]
    .sort()
    .map(folder =>
      [
        `${base}${folder}:`,
        ...byFolder.get(folder).map(([key, size]) => `${String(size).padStart(10)}  ${DATE}T${TIME}Z  ${base}${key}`),
      ].join('\n'),
    );
  const total = keys.reduce((sum, [, size]) => sum + size, 0);
  const mib = (total / 1024 / 1024).toFixed(2);
  return `${blocks.join('\n\n')}\nTOTAL: ${keys.length} objects, ${total} bytes (${mib}MiB)\n`;
}

function s3InventoryCsv(keys) {
  const rows = keys.map(
    ([key, size]) => `"${BUCKET}","${formEncoded(PREFIX + key)}","${size}","${DATE}T${TIME}.000Z","STANDARD"`,
  );
  return `${rows.join('\n')}\n`;
}

function s3Manifest(format, files, schema) {
  return `${JSON.stringify(
    {
      sourceBucket: BUCKET,
      destinationBucket: 'arn:aws:s3:::k400-inventory',
      version: '2016-11-30',
      creationTimestamp: '1709618828000',
      fileFormat: format,
      fileSchema: schema,
      files: files.map(([key, content]) => ({
        key,
        size: content.length,
        MD5checksum: createHash('md5').update(content).digest('hex'),
      })),
    },
    null,
    2,
  )}\n`;
}

/** The manifest a GCS inventory report's run writes beside its shards. */
function gcsManifest(names, records) {
  const manifest = {
    report_config: { name: `projects/k400/locations/us/reportConfigs/${GCS_CONFIG}`, display_name: 'k400' },
    records_processed: records,
    snapshot_time: `${DATE}T${TIME}Z`,
    shard_count: names.length,
    report_shards_file_names: names,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function gcsInventoryCsv(keys) {
  const rows = keys.map(([key, size]) => `${BUCKET},${csvField(PREFIX + key)},${size},STANDARD`);
  return `bucket,name,size,storageClass\n${rows.join('\n')}\n`;
}

const keys = splitTreeKeys();
rmSync(out, { recursive: true, force: true });
write('paths.csv', pathsCsv(keys));
write('aws-s3-ls.txt', awsS3Ls(keys));
write('gcloud-ls.txt', gcloudLs(keys));
write('gcs-inventory.csv', gcsInventoryCsv(keys));
// The S3 inventory in two data files, as S3 writes a large one, with CRLF line ends in the second.
const half = Math.ceil(keys.length / 2);
const csvFiles = [
  ['inventory/k400-bucket/daily/data/1b6c2c2e.csv.gz', gzipSync(s3InventoryCsv(keys.slice(0, half)))],
  [
    'inventory/k400-bucket/daily/data/9f0e4d11.csv.gz',
    gzipSync(s3InventoryCsv(keys.slice(half)).replaceAll('\n', '\r\n')),
  ],
];
for (const [key, content] of csvFiles) write(`s3-inventory/data/${key.slice(key.lastIndexOf('/') + 1)}`, content);
write(
  's3-inventory/2024-03-05T00-00Z/manifest.json',
  s3Manifest('CSV', csvFiles, 'Bucket, Key, Size, LastModifiedDate, StorageClass'),
);
// A GCS inventory report of three CSV shards and the manifest its run writes once all are done.
const shards = [0, 1, 2].map(i => keys.filter((_, k) => k % 3 === i));
const shardNames = shards.map((_, i) => `${GCS_CONFIG}_${GCS_SNAPSHOT}_${i}.csv`);
shards.forEach((part, i) => write(`gcs-inventory-shards/${shardNames[i]}`, gcsInventoryCsv(part)));
write(`gcs-inventory-shards/${GCS_CONFIG}_${GCS_SNAPSHOT}_manifest.json`, gcsManifest(shardNames, keys.length));
await writeParquetFiles(keys);
// The other layouts, one format each: a class tree as gcloud text, a CVDF download as a path,size CSV of
// URIs with its annotation CSVs downloaded beside it (a listing names them but cannot hold them).
write('class-tree/gcloud-ls.txt', gcloudLs(classTreeKeys()));
const cvdf = cvdfKeys();
const uri = `s3://${BUCKET}/${PREFIX}`;
write('cvdf/paths.csv', `path,size\n${cvdf.keys.map(([key, size]) => `${csvField(uri + key)},${size}`).join('\n')}\n`);
for (const [split, text] of Object.entries(cvdf.csv)) write(`cvdf/annotations/${split}.csv`, text);

/** The Parquet formats, written by DuckDB: a plain path,size file, an S3 inventory and a GCS inventory. */
async function writeParquetFiles(keys) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const literal = text => `'${text.replaceAll("'", "''")}'`;
  const values = keys.map(([key, size]) => `(${literal(key)}, ${size})`).join(',\n');
  await db.run(`CREATE TABLE keys AS SELECT * FROM (VALUES ${values}) t(path, size) ORDER BY path`);
  const copy = async (select, path) => {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    await db.run(`COPY (${select}) TO ${literal(join(out, path))} (FORMAT parquet)`);
  };
  await copy('SELECT path, size::BIGINT AS size FROM keys', 'paths.parquet');
  await copy(
    `SELECT '${BUCKET}' AS bucket, '${PREFIX}' || path AS name, size::BIGINT AS size, ` +
      `'STANDARD' AS storageClass FROM keys`,
    'gcs-inventory.parquet',
  );
  // The S3 inventory in two Parquet data files, as S3 writes a large one.
  const s3Parquet = ['4c1d2e3f', '7a8b9c0d'].map(name => ({
    data: `s3-inventory-parquet/2024-03-05T00-00Z/${name}.parquet`,
    key: `inventory/k400-bucket/daily/data/${name}.parquet`,
  }));
  for (const [i, { data }] of s3Parquet.entries())
    await copy(
      `SELECT '${BUCKET}' AS bucket, '${PREFIX}' || path AS key, size::BIGINT AS size, true AS is_latest, ` +
        `false AS is_delete_marker FROM keys QUALIFY (row_number() OVER (ORDER BY path)) % 2 = ${i} ORDER BY path`,
      data,
    );
  const { readFileSync } = await import('node:fs');
  write(
    's3-inventory-parquet/2024-03-05T00-00Z/manifest.json',
    s3Manifest(
      'Parquet',
      s3Parquet.map(({ data, key }) => [key, readFileSync(join(out, data))]),
      'message s3.inventory { required binary bucket (UTF8); required binary key (UTF8); optional int64 size; ' +
        'optional boolean is_latest; optional boolean is_delete_marker; }',
    ),
  );
  // The GCS inventory in two Parquet shards, with their manifest.
  const gcsParquet = [0, 1].map(i => `${GCS_CONFIG}_${GCS_SNAPSHOT}_${i}.parquet`);
  for (const [i, name] of gcsParquet.entries())
    await copy(
      `SELECT '${BUCKET}' AS bucket, '${PREFIX}' || path AS name, size::BIGINT AS size, ` +
        `'STANDARD' AS storageClass FROM keys QUALIFY (row_number() OVER (ORDER BY path)) % 2 = ${i} ORDER BY path`,
      `gcs-inventory-shards-parquet/${name}`,
    );
  write(
    `gcs-inventory-shards-parquet/${GCS_CONFIG}_${GCS_SNAPSHOT}_manifest.json`,
    gcsManifest(gcsParquet, keys.length),
  );
  db.closeSync();
  instance.closeSync();
}
