import type { Command } from 'commander';
import { commitSlices, writeStrictReports } from '../api/commit-slices.js';
import { prepareSlice } from '../api/slice.js';
import { type SlicedSource, StrictSliceError, sliceSource } from '../api/slice-source.js';
import { UsageError } from '../errors.js';
import { type Io, progressLine, writeData } from '../io.js';
import { sliceOptionsSchema } from '../options/slice-options.js';
import { cliName, parseWith } from '../options/validation.js';
import { checkReportTargets, reportTargets } from '../report/report-outputs.js';
import { commandLine } from './command-line.js';
import { renderSlicesDryRun } from './outputs.js';
import { renderSliceSummary } from './slice-summary.js';
import { parseThreads } from './source-options.js';

/** `k400-slice slice`: one slice through the pipeline (sliceSource, then commitSlices), and its summary. */
export async function sliceAction(
  io: Io,
  given: string | undefined,
  raw: Record<string, unknown>,
  command: Command,
): Promise<void> {
  const { quiet, threads, html, markdown, dryRun, ...rest } = raw;
  if (given === undefined && rest.annotations === undefined)
    throw new UsageError(
      "missing required argument 'source'",
      'give a dataset ROOT, or --annotations CSV to slice the annotations alone',
    );
  const options = parseWith(sliceOptionsSchema, { source: given, ...rest }, cliName);
  const walkers = parseThreads(threads);
  const prepared = prepareSlice(options);
  const targets = reportTargets({ html, markdown });
  const early = [options.output, prepared.sidecar, options.report ?? null].filter(p => p !== null && p !== '-');
  checkReportTargets(targets, early as string[], { manifestOnStdout: options.output === '-' });
  const progress = progressLine(io, quiet !== true, options.probe ? 'probing' : 'scanning');
  let sliced: SlicedSource;
  try {
    const drawn = targets.html !== undefined || targets.markdown !== undefined;
    sliced = await sliceSource(prepared, {
      drawn,
      onProgress: progress.update,
      threads: walkers,
      early: io.earlyDuck,
    });
  } catch (error) {
    if (error instanceof StrictSliceError) await writeStrictReports(error, dryRun !== true);
    throw error;
  } finally {
    progress.done();
  }
  const title = `Slice of ${options.source ?? options.annotations?.join(', ')}`;
  const committed = await commitSlices([{ ...sliced, name: title }], {
    dryRun: dryRun === true,
    targets,
    title,
    rebuild: commandLine(command),
    toStdout: text => writeData(io, text),
  });
  if (committed.outcome === null) {
    const named = [{ ...sliced, name: title }];
    await writeData(io, renderSlicesDryRun(named, committed.pages, committed.guard, false));
    if (quiet !== true) io.stderr('k400-slice: dry run: nothing written\n');
    return;
  }
  if (quiet === true) return;
  if (sliced.note !== undefined) io.stderr(`k400-slice: ${sliced.note}\n`);
  const extra = [...(options.report === undefined ? [] : [options.report]), ...committed.pages];
  io.stderr(renderSliceSummary(sliced.source, sliced.plan, committed.outcome, extra, options.report));
}
