import type { SizeStrategy } from './types.js';

type AllSpec = { readonly strategy: 'all' };

/** No size strategy: every clip that passes the filters. */
export const allClips = {
  name: 'all',
  flags: [],
  fields: {},
  specOf: () => ({ strategy: 'all' }),
  needsLabels: null,
  sql: true,
  describe: () => ({ flag: 'no size strategy', options: { strategy: 'all' } }),
  choose: (strata, _spec: AllSpec) => ({ quotas: strata.map(stratum => stratum.keys.length), warnings: [] }),
} satisfies SizeStrategy<AllSpec>;
