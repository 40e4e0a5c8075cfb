import { DatasetError } from '../../errors.js';
import { listingFormatsOf } from '../../listing/detect-listing.js';
import type { ListingFormat } from '../../listing/listing.js';
import { DEFAULT_SEED } from '../../select/clip-key.js';
import { FITS, type Loader, type LoaderProbe, rejected } from './types.js';

// Listings of a bucket as ROOT (src/listing/): one loader a format, each fitting a file whose first bytes
// are in that format. They come before the index loaders, which take any Parquet file.

const found = new WeakMap<LoaderProbe, ListingFormat[]>();

/** The listing formats the probe's file could be, worked out once for every listing loader. */
function formatsOf(probe: LoaderProbe): ListingFormat[] {
  let formats = found.get(probe);
  if (formats === undefined) {
    formats = listingFormatsOf(probe.path as string, probe.given as string);
    found.set(probe, formats);
  }
  return formats;
}

function listingLoader(name: string, formats: readonly ListingFormat[], summary: string): Loader {
  return {
    name,
    summary,
    needsVideos: true,
    detect(probe) {
      if (probe.kind !== 'file' || probe.path === undefined) return rejected('not a file');
      const seen = formatsOf(probe);
      if (seen.some(format => formats.includes(format))) return FITS;
      return rejected(seen.length === 0 ? 'not a bucket listing' : `a listing in ${seen.join(' or ')}`);
    },
    async load(probe) {
      const { options } = probe;
      if (options.probe !== undefined)
        throw new DatasetError(
          `--probe: '${probe.given}' is a listing, whose videos are not here to probe`,
          'drop --probe',
        );
      const format = formatsOf(probe).find(f => formats.includes(f)) ?? (formats[0] as ListingFormat);
      // Loaded only when a listing loads.
      const { loadListing } = await import('../../listing/load-listing.js');
      return loadListing(probe.path as string, probe.given as string, format, {
        extensions: probe.extensions,
        seed: options.seed ?? DEFAULT_SEED,
        split: options.split,
        prefix: options.prefix,
        annotations: options.annotations,
        recordAs: probe.recordAs,
        threads: options.threads,
      });
    },
  };
}

export const s3InventoryLoader = listingLoader(
  's3-inventory',
  ['s3-inventory'],
  'an S3 Inventory report: its manifest.json, with its CSV.gz or Parquet data files downloaded beside it',
);
export const gcsInventoryLoader = listingLoader(
  'gcs-inventory',
  ['gcs-inventory'],
  'a Cloud Storage inventory report (CSV or Parquet) with bucket, name and size columns, or the manifest.json ' +
    'of a report in several shards, downloaded beside it',
);
export const gcloudLsLoader = listingLoader('gcloud-ls', ['gcloud-ls'], 'the text of gcloud storage ls -l -r gs://...');
export const awsS3LsLoader = listingLoader(
  'aws-s3-ls',
  ['aws-s3-ls'],
  'the text of aws s3 ls --recursive s3://... (with --prefix s3://BUCKET/PREFIX/)',
);
export const pathListingLoader = listingLoader(
  'path-listing',
  ['paths-csv', 'paths-parquet'],
  'a CSV or Parquet of path,size: paths below --prefix, or full s3:// or gs:// URIs',
);

/** The listing loaders in detection order: inventories first, whose columns a plain listing may share. */
export const listingLoaders: readonly Loader[] = [
  s3InventoryLoader,
  gcsInventoryLoader,
  gcloudLsLoader,
  awsS3LsLoader,
  pathListingLoader,
];

/** Names of the layouts that read a listing: `--prefix` applies to them alone. */
export const LISTING_LAYOUTS: ReadonlySet<string> = new Set(listingLoaders.map(loader => loader.name));
