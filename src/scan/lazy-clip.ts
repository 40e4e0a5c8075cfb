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

  // Worked out on first use: most clips of a source are never asked.
  private kinetics: ReturnType<typeof kineticsFields> | undefined;

  constructor(private readonly probed: Probed | null) {}

  get youtubeId(): string | null {
    return this.fields().youtubeId;
  }
  get timeStart(): number | null {
    return this.fields().timeStart;
  }
  get timeEnd(): number | null {
    return this.fields().timeEnd;
  }
  private fields(): ReturnType<typeof kineticsFields> {
    this.kinetics ??= kineticsFields(this.clipId);
    return this.kinetics;
  }
  get probe(): ProbeInfo | null {
    return this.probed?.probe ?? null;
  }
  get mtimeMs(): number | null {
    return this.probed?.mtimeMs ?? null;
  }
}
