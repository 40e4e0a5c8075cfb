/** The engines a slice of an index can run on (`--engine`); see choose.ts for how `auto` decides. */
export const ENGINES = ['js', 'duckdb', 'auto'] as const;
export type EngineName = (typeof ENGINES)[number];
