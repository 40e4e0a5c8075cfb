import { clipIdOf } from './clip-name.js';
import type { Probed } from './folder-scan.js';
import { LazyClip } from './lazy-clip.js';

/**
 * A clip found by walking a class tree. Its path and clip id are worked out when asked for (the scan threads
 * already used the id for the key and the fingerprint), and the key travels with the clip.
 */
export class TreeClip extends LazyClip {
  constructor(
    /** The class folder relative to the root (`train/abseiling`), shared by all its clips. */
    private readonly folder: string,
    /** The path below the class folder. */
    private readonly file: string,
    readonly split: string | null,
    /** The class folder's name in NFC: the label, and where non-Kinetics clip ids start. */
    readonly label: string,
    readonly sizeBytes: number,
    /** Selection key for the seed of the scan (see Source.keyOf). */
    readonly presetKey: number,
    probed: Probed | null = null,
  ) {
    super(probed);
  }

  get path(): string {
    return `${this.folder}/${this.file}`;
  }
  get clipId(): string {
    return clipIdOf(this.file, this.label);
  }
}
