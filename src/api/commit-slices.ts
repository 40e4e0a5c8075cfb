import { checkReportTargets, type ReportTargets, reportFiles } from '../report/report-outputs.js';
import { sliceSection } from '../report/slice-section.js';
import {
  type CommitOptions,
  type PlannedFile,
  planCommit,
  type WriteOutcome,
  writeAllOrNothing,
} from '../write/atomic.js';
import { releaseSpools } from '../write/spool.js';
import type { SlicedSource, StrictSliceError } from './slice-source.js';

/** A slice to commit, and the name its dry-run lines and its section of the page go by. */
export interface NamedSlice extends SlicedSource {
  readonly name: string;
}

/** How the slices of one command are committed. */
export interface CommitRequest {
  /** Write nothing: return a line an output, what it would hold and whether it would change. */
  readonly dryRun: boolean;
  readonly targets: ReportTargets;
  /** The page's and the card's title. */
  readonly title: string;
  /** The command line that rebuilds the slices, for the card. */
  readonly rebuild: string;
  /**
   * Writes what goes to stdout (a manifest, the card). Awaited before the commit, so a write
   * that fails (`> /dev/full`) commits nothing.
   */
  readonly toStdout: (text: string) => Promise<void>;
}

/** What a commit did: the outcome of the writes and the page and card it wrote; or what a dry run would. */
export type Committed =
  | { readonly outcome: WriteOutcome; readonly pages: string[] }
  | { readonly outcome: null; readonly pages: PlannedFile[]; readonly guard: CommitOptions };

/** One guard for a whole run: every slice's inputs and roots. */
export function runGuard(slices: readonly SlicedSource[]): CommitOptions {
  return {
    inputs: slices.flatMap(s => s.guard.inputs ?? []),
    roots: slices.flatMap(s => s.guard.roots ?? []),
  };
}

/**
 * The commit step of `slice` and `run`: every slice's manifests, sidecars and reports, and the page and card
 * drawn from them, written all or nothing (write/atomic.ts), or in a dry run, described.
 */
export async function commitSlices(slices: readonly NamedSlice[], request: CommitRequest): Promise<Committed> {
  try {
    return await commitPlanned(slices, request);
  } finally {
    // A manifest written as its rows came is read from a spool in the temp folder: not needed once committed
    // (a dry run's description still reads it; the command's end removes it, see src/cli.ts).
    if (!request.dryRun) releaseSpools();
  }
}

async function commitPlanned(slices: readonly NamedSlice[], request: CommitRequest): Promise<Committed> {
  const files = slices.flatMap(s => s.files);
  // Templated outputs ({split}, {shard}) are only known now.
  checkReportTargets(
    request.targets,
    files.map(f => f.path),
    { manifestOnStdout: slices.some(s => s.plan.stdout !== null), checkWritable: false },
  );
  const sections = slices.map(s => sliceSection(s.name, s.source, s.plan));
  const pages = reportFiles(request.targets, request.title, sections, request.rebuild);
  const guard = runGuard(slices);
  if (request.dryRun) return { outcome: null, pages: pages.files, guard };
  const all: PlannedFile[] = [...files, ...pages.files];
  const toStdout = slices.find(s => s.plan.stdout !== null)?.plan.stdout ?? pages.stdout;
  if (toStdout !== null) {
    planCommit(all, guard);
    await request.toStdout(toStdout);
  }
  const outcome = await writeAllOrNothing(all, guard);
  return { outcome, pages: pages.files.map(f => f.path) };
}

/**
 * `--strict` fails after the reports are written and before any manifest is: the reports are the one thing a
 * failing slice may write, in a commit of their own (none in a dry run or a check).
 */
export async function writeStrictReports(error: StrictSliceError, write: boolean): Promise<never> {
  if (write && error.reports.length > 0) await writeAllOrNothing(error.reports, error.guard);
  throw error;
}
