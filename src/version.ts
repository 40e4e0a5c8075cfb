import { readFileSync } from 'node:fs';

/** The one version string: read from package.json, so `--version` and provenance cannot drift from it. */
export const TOOL_NAME = 'k400-slice';
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
