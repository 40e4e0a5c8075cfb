import type { Manifest } from '../../manifest/schema.js';

export interface RenderOptions {
  /** Field separator of `path label` list formats (--separator); default a space. */
  readonly separator?: string | undefined;
}

/** A manifest format: one file here and one line in the registry (index.ts). */
export interface ManifestWriter {
  readonly name: string;
  /** Output extensions that select this format when --format is not given. */
  readonly extensions: readonly string[];
  /** Formats with no room for the provenance get it in a `<output>.meta.json` sidecar. */
  readonly sidecar: boolean;
  /** One line for --help. */
  readonly summary: string;
  /** Throws a DatasetError naming the rows this format cannot hold. */
  render(manifest: Manifest, options?: RenderOptions): string;
}
