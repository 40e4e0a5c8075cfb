import { DatasetError } from '../errors.js';
import { isBucketRoot } from '../listing/listing.js';

/**
 * A manifest sliced from a bucket listing records its prefix (`s3://bucket/k400/`) as its root. Commands that
 * open the videos cannot read a bucket, so they refuse it in one line that says where to point them instead,
 * rather than resolving the URI as a local path (which would collapse `s3://` to `s3:/`).
 */
export function refuseBucketRoot(root: string, command: string): void {
  if (!isBucketRoot(root)) return;
  throw new DatasetError(
    `dataset root '${root}' is a bucket prefix: ${command} reads the videos from disk, not from a bucket`,
    'download the videos and pass --root DIR where they are',
  );
}
