import * as z from 'zod';
import { findLoader, layoutNames } from './index.js';

/**
 * `--layout NAME` (a run config's `layout`): one of the registry's loaders. Checked against the registry when
 * parsed, not when this module loads, so a loader registered later is a valid choice too.
 */
export const layoutField = z.string().superRefine((name, ctx) => {
  if (findLoader(name) === undefined)
    ctx.addIssue({ code: 'custom', message: `must be one of ${layoutNames().join(', ')}, got '${name}'` });
});

/** The --layout option's help: every layout, in detection order. */
export function layoutHelp(): string {
  return `read the source with this loader, which must fit (default: the first that fits): ${layoutNames().join(', ')}`;
}
