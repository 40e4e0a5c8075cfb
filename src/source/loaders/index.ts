import { DatasetError } from '../../errors.js';
import { isIndexFile } from '../index-file.js';
import { isParquetFile } from '../parquet-magic.js';
import { annotationsLoader } from './annotations.js';
import { annotationsOnlyLoader } from './annotations-only.js';
import { classTreeLoader } from './class-tree.js';
import { cvdfLoader } from './cvdf.js';
import { jsonlIndexLoader } from './index-jsonl.js';
import { parquetIndexLoader } from './index-parquet.js';
import { listingLoaders } from './listings.js';
import { splitTreeLoader } from './split-tree.js';
import type { Loader, LoaderProbe } from './types.js';

/**
 * Every layout, in the order detection tries them: the first that fits loads. Specific layouts come
 * before the ones that read any folder (a class tree is the last resort). A new layout is one line here.
 */
const registry: Loader[] = [
  annotationsOnlyLoader,
  ...listingLoaders,
  parquetIndexLoader,
  jsonlIndexLoader,
  cvdfLoader,
  annotationsLoader,
  splitTreeLoader,
  classTreeLoader,
];

// Layouts `--engine duckdb` slices in place, with the test each makes of the file.
const IN_PLACE: ReadonlyMap<string, (path: string) => boolean> = new Map([
  [jsonlIndexLoader.name, isIndexFile],
  [parquetIndexLoader.name, isParquetFile],
]);

/**
 * Whether a forced `--layout` leaves an index to DuckDB: an index layout that fits the file. Any other is
 * read, or refused, by its loader.
 */
export function layoutReadsIndex(path: string, layout: string): boolean {
  return IN_PLACE.get(layout)?.(path) ?? false;
}

/** The loaders in detection order: `--layout` choices and help come from here. */
export function loaders(): readonly Loader[] {
  return registry;
}

export function layoutNames(): string[] {
  return registry.map(loader => loader.name);
}

export function findLoader(name: string): Loader | undefined {
  return registry.find(loader => loader.name === name);
}

/**
 * Adds a loader to the registry, before the one named `before` (default: last). For a layout kept outside
 * this folder (a test's, a plugin's); built-in ones are lines of the list above. Returns its removal.
 */
export function registerLoader(loader: Loader, { before }: { readonly before?: string } = {}): () => void {
  if (findLoader(loader.name) !== undefined) throw new Error(`a loader named '${loader.name}' is registered already`);
  const at = before === undefined ? -1 : registry.findIndex(other => other.name === before);
  if (before !== undefined && at < 0) throw new Error(`no loader named '${before}' to register before`);
  registry.splice(at < 0 ? registry.length : at, 0, loader);
  return () => {
    const index = registry.indexOf(loader);
    if (index >= 0) registry.splice(index, 1);
  };
}

/**
 * The loader that reads a probe: the one `--layout` forces, which must fit, or the first that fits. Either
 * failure is one line naming why: the forced loader's reason, or every candidate's.
 */
export function chooseLoader(probe: LoaderProbe, layout: string | undefined): Loader {
  const shown = probe.given ?? '(none)';
  const missing = (): DatasetError => new DatasetError(`dataset root '${shown}' does not exist`, 'check the path');
  if (layout !== undefined) {
    const forced = findLoader(layout);
    if (forced === undefined)
      throw new DatasetError(`--layout ${layout}: no such layout`, `choose one of ${layoutNames().join(', ')}`);
    const detection = forced.detect(probe);
    if (detection.fits) return forced;
    if (probe.kind === 'missing') throw missing();
    throw new DatasetError(
      `--layout ${layout} does not fit '${shown}': ${detection.reason}`,
      'drop --layout to have the layout detected; --help lists the layouts',
    );
  }
  const reasons = new Map<string, string[]>();
  for (const loader of registry) {
    const detection = loader.detect(probe);
    if (detection.fits) return loader;
    reasons.set(detection.reason, [...(reasons.get(detection.reason) ?? []), loader.name]);
  }
  if (probe.kind === 'missing') throw missing();
  // Loaders rejecting for one reason are named together: "class-tree, cvdf: is a file, not a folder".
  const why = [...reasons].map(([reason, names]) => `${names.join(', ')}: ${reason}`).join('; ');
  throw new DatasetError(
    `dataset root '${shown}'${leadOf(probe)} fits no layout: ${why}`,
    'pass the folder that holds the class folders, or an index made by k400-slice scan',
  );
}

/** What the path is, said first, as the error said before there were loaders. */
function leadOf(probe: LoaderProbe): string {
  if (probe.kind === 'file') return ' is a file, not a folder, and';
  if (probe.kind === 'other') return ' is a device, pipe or socket, not a folder, and';
  return '';
}
