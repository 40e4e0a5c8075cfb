import type { Clip } from '../clip.js';
import type { ProbeInfo } from '../probe/reader.js';
import { kineticsFields } from './clip-name.js';
import type { Probed } from './folder-scan.js';

/**
 * A clip that keeps only what it must and works out the rest when asked: a source of Kinetics-700 holds
 * 650,000 clips, of which a slice writes a few. The Kinetics fields come from the clip id; the probe, if
 * any, is held with the modification time it was made for.
 */
export abstract class LazyClip implements Clip {
  abstract readonly path: string;
  abstract readonly label: string | null;
  abstract readonly clipId: string;
  abstract readonly split: string | null;
  abstract readonly sizeBytes: number | null;

  constructor(private readonly probed: Probed | null) {}

  get youtubeId(): string | null {
    return kineticsFields(this.clipId).youtubeId;
  }
  get timeStart(): number | null {
    return kineticsFields(this.clipId).timeStart;
  }
  get timeEnd(): number | null {
    return kineticsFields(this.clipId).timeEnd;
  }
  get probe(): ProbeInfo | null {
    return this.probed?.probe ?? null;
  }
  get mtimeMs(): number | null {
    return this.probed?.mtimeMs ?? null;
  }
}
