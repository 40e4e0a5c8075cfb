import type { SizeStrategy } from './types.js';

/** No size strategy: every clip that passes the filters. */
export const allClips: SizeStrategy<{ strategy: 'all' }> = {
  name: 'all',
  choose: strata => ({ quotas: strata.map(stratum => stratum.clips.length), warnings: [] }),
};
