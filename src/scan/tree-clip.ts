import type { Clip } from '../clip.js';
import { clipIdOf, kineticsFields } from './clip-name.js';
import type { Probed } from './folder-scan.js';
import type { ProbeInfo } from '../probe/reader.js';

/**
 * A clip found by walking a class tree. A walk of Kinetics-700 makes 650,000 of these, of which a slice
 * writes a few, so the path, the clip id and the Kinetics fields are worked out only when asked for (the
 * scan threads already used the id for the key and the fingerprint), and the key travels with the clip.
 */
export class TreeClip implements Clip {
  constructor(
    /** The class folder relative to the root (`train/abseiling`), shared by all its clips. */
    private readonly folder: string,
    /** The path below the class folder. */
    private readonly file: string,
    readonly split: string | null,
    readonly label: string,
    readonly sizeBytes: number,
    /** Selection key for the seed of the scan (see Source.keyOf). */
    readonly presetKey: number,
    private readonly probed: Probed | null = null,
  ) {}

  get probe(): ProbeInfo | null {
    return this.probed?.probe ?? null;
  }
  get mtimeMs(): number | null {
    return this.probed?.mtimeMs ?? null;
  }

  get path(): string {
    return `${this.folder}/${this.file}`;
  }
  get clipId(): string {
    return clipIdOf(this.file);
  }
  get youtubeId(): string | null {
    return kineticsFields(this.clipId).youtubeId;
  }
  get timeStart(): number | null {
    return kineticsFields(this.clipId).timeStart;
  }
  get timeEnd(): number | null {
    return kineticsFields(this.clipId).timeEnd;
  }
}
