import type { Stats } from 'node:fs';
import type { RejectedFolder } from '../../scan/layout.js';
import type { LoadOptions } from '../load.js';
import type { SourceInput } from '../source.js';

/** What the given path is, looked at once: the first thing most loaders decide on. */
export type ProbeKind = 'none' | 'folder' | 'file' | 'other';

/**
 * What detection needs, computed once for every loader: the path as given, its stat, and for a folder its
 * non-hidden sub-folders, listed once. Loaders read it and never list the root again to decide.
 */
export interface LoaderProbe {
  /** The root or index exactly as the user gave it; undefined when none was (annotations alone). */
  readonly given: string | undefined;
  /** `given` made absolute, for reading; undefined when none was given. */
  readonly path: string | undefined;
  /** How the provenance names the root: `recordAs` when set, else `given` ('' when none). */
  readonly recordAs: string;
  readonly kind: ProbeKind;
  readonly stats: Stats | undefined;
  /** A folder's non-hidden sub-folders (unsorted, as listSubfolders gives them); empty for anything else. */
  readonly top: readonly string[];
  /** Entries of the folder that could not be folders, for the walk to report. */
  readonly rejectedTop: readonly RejectedFolder[];
  /** Video extensions without dots (`--ext`, or the defaults). */
  readonly extensions: ReadonlySet<string>;
  readonly options: LoadOptions;
}

/** Whether a loader reads a probe: a rejection carries a reason a summary can print after the loader's name. */
export type Detection = { readonly fits: true } | { readonly fits: false; readonly reason: string };

/** What a loader returns: a SourceInput that `loadSource` narrows to `--split` and assembles. */
export type LoadedInput = Omit<SourceInput, 'split'>;

/**
 * One way to read a dataset. The registry (`./index.ts`) tries loaders in order and the first that fits
 * loads; `--layout NAME` forces one, and its rejection is the error. Adding a layout is a file exporting
 * one of these and one line in the registry's list.
 */
export interface Loader {
  /** The `--layout` value: kebab-case, unique in the registry. */
  readonly name: string;
  /** One line for --help and README: what it reads. */
  readonly summary: string;
  /**
   * Whether what it reads must hold a video file: a walk that finds none (after `--split`) is an error that
   * names the extensions looked for. False where clips need no file yet (annotations alone) or were counted
   * when made (an index).
   */
  readonly needsVideos: boolean;
  /** Cheap: decides from the probe (a stat, the top folders, a few bytes), never by reading everything. */
  detect(probe: LoaderProbe): Detection;
  /** Reads the clips and the report; called only after `detect` said it fits. Throws typed errors. */
  load(probe: LoaderProbe): Promise<LoadedInput>;
}

export const FITS: Detection = { fits: true };

export function rejected(reason: string): Detection {
  return { fits: false, reason };
}

/** Fits a folder; the reason a loader of folders gives for anything else. */
export function needsFolder(probe: LoaderProbe): Detection {
  if (probe.kind === 'folder') return FITS;
  if (probe.kind === 'none') return rejected('no ROOT given');
  return rejected(probe.kind === 'file' ? 'is a file, not a folder' : 'is a device, pipe or socket, not a folder');
}
