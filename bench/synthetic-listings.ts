import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { syntheticClasses } from './synthetic-tree.js';

// The synthetic Kinetics-700 tree (synthetic-tree.ts) as each text listing format prints it, as if it had
// been uploaded to s3://k400-bench/k700/ (gs:// for the Google formats): the same keys and sizes, so a
// listing slices to the tree's manifest. Made once beside the tree in the OS temp folder.

export const BUCKET = 'k400-bench';
export const PREFIX = 'k700/';
const DATE = '2024-03-05';
const TIME = '06:07:08';
// S3 Inventory writes a large report as several data files; so does this one.
const S3_DATA_FILES = 4;

/** Each text listing format's file, and the --prefix a slice of it is given. */
export interface SyntheticListing {
  readonly format: string;
  readonly file: string;
  readonly prefix: string;
}

/** Appends text to a file in large writes. */
class TextOut {
  private readonly fd: number;
  private pending: string[] = [];
  private length = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(text: string): void {
    this.pending.push(text);
    this.length += text.length;
    if (this.length > 1 << 20) this.flush();
  }
  flush(): void {
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.length = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The keys below the prefix in the order a listing prints them (byte order), with sizes. */
function* sortedKeys(total: number): Generator<[string, number]> {
  for (const { folder, names, sizes } of syntheticClasses(total)) {
    const order = names.map((_, i) => i).sort((a, b) => ((names[a] as string) < (names[b] as string) ? -1 : 1));
    for (const i of order) yield [`${folder}/${names[i]}`, sizes[i] as number];
  }
}

/** S3 Inventory's CSV key encoding: form-encoded UTF-8, a space as `+`. */
function formEncoded(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+')
    .replaceAll('%2F', '/');
}

function writeListings(dir: string, total: number): void {
  const aws = new TextOut(join(dir, 'aws-s3-ls.txt'));
  const gcloud = new TextOut(join(dir, 'gcloud-ls.txt'));
  const paths = new TextOut(join(dir, 'paths.csv'));
  const gcs = new TextOut(join(dir, 'gcs-inventory.csv'));
  const s3: string[][] = Array.from({ length: S3_DATA_FILES }, () => []);
  const base = `gs://${BUCKET}/${PREFIX}`;
  gcloud.write(`${base}:\n`);
  paths.write('path,size\n');
  gcs.write('bucket,name,size,storageClass\n');
  let folder = '';
  let count = 0;
  let bytes = 0;
  for (const [key, size] of sortedKeys(total)) {
    const here = key.slice(0, key.lastIndexOf('/') + 1);
    if (here !== folder) {
      gcloud.write(`\n${base}${here}:\n`);
      folder = here;
    }
    aws.write(`${DATE} ${TIME} ${String(size).padStart(10)} ${PREFIX}${key}\n`);
    gcloud.write(`${String(size).padStart(10)}  ${DATE}T${TIME}Z  ${base}${key}\n`);
    paths.write(`${key},${size}\n`);
    gcs.write(`${BUCKET},${PREFIX}${key},${size},STANDARD\n`);
    const part = Math.floor((count * S3_DATA_FILES) / total);
    s3[part]?.push(`"${BUCKET}","${formEncoded(PREFIX + key)}","${size}","${DATE}T${TIME}.000Z","STANDARD"\n`);
    count += 1;
    bytes += size;
  }
  aws.write(`\nTotal Objects: ${count}\n   Total Size: ${bytes}\n`);
  gcloud.write(`TOTAL: ${count} objects, ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)}MiB)\n`);
  for (const out of [aws, gcloud, paths, gcs]) out.close();
  const inventory = join(dir, 's3-inventory');
  mkdirSync(join(inventory, 'data'), { recursive: true });
  const files = s3.map((rows, i) => {
    const key = `inventory/${BUCKET}/daily/data/part-${i}.csv.gz`;
    const content = gzipSync(rows.join(''));
    writeFileSync(join(inventory, 'data', `part-${i}.csv.gz`), content);
    return { key, size: content.length, MD5checksum: '' };
  });
  const manifest = {
    sourceBucket: BUCKET,
    fileFormat: 'CSV',
    fileSchema: 'Bucket, Key, Size, LastModifiedDate, StorageClass',
    files,
  };
  writeFileSync(join(inventory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The listings of the synthetic tree of `total` files, made once into the OS temp folder and kept there. */
export function syntheticListings(total = 650_000): SyntheticListing[] {
  const dir = join(tmpdir(), `k400-slice-bench-listings-${total}`);
  if (!existsSync(join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`writing the listings of ${total.toLocaleString('en-US')} files in ${dir} (once) ...\n`);
    writeListings(dir, total);
    writeFileSync(join(dir, '.complete'), '');
  }
  const s3 = `s3://${BUCKET}/${PREFIX}`;
  const gs = `gs://${BUCKET}/${PREFIX}`;
  return [
    { format: 'aws-s3-ls', file: join(dir, 'aws-s3-ls.txt'), prefix: s3 },
    { format: 'gcloud-ls', file: join(dir, 'gcloud-ls.txt'), prefix: gs },
    { format: 'paths-csv', file: join(dir, 'paths.csv'), prefix: s3 },
    { format: 'gcs-inventory', file: join(dir, 'gcs-inventory.csv'), prefix: gs },
    { format: 's3-inventory', file: join(dir, 's3-inventory', 'manifest.json'), prefix: s3 },
  ];
}
