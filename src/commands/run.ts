import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { commitSlices, writeStrictReports } from '../api/commit-slices.js';
import { findDrift, type PlannedSlice, planRun } from '../api/run.js';
import { StrictSliceError } from '../api/slice-source.js';
import { INIT_CONFIG } from '../config/run-config.js';
import { CheckFailedError, DatasetError, UsageError } from '../errors.js';
import { type Io, progressLine, writeData } from '../io.js';
import { checkReportTargets, reportTargets } from '../report/report-outputs.js';
import { assertWritable, writeAllOrNothing } from '../write/atomic.js';
import { commandLine } from './command-line.js';
import { renderSlicesDryRun } from './outputs.js';
import { renderRunSummary } from './run-summary.js';
import { plural } from './slice-summary.js';
import { parseThreads, THREADS_HELP } from './source-options.js';

const HELP = `
Config (JSON): top-level options are defaults for every slice; each slice names its output.
  {"source": "data/k400/train", "seed": 0,
   "slices": {"ten": {"percent": 10, "output": "m/ten.csv"},
              "tv": {"percent": 50, "splits": {"train": 90, "val": 10}, "output": "m/tv-{split}.csv"}}}
Option names are slice's long options in camelCase (minPerClass, classesFile, ...); list options take
arrays, splits an object of weights; relative paths are relative to the config file.

Examples:
  k400-slice run --init slices.json     write a config to start from
  k400-slice run slices.json            write every slice's manifests (unchanged files are left alone)
  k400-slice run slices.json --dry-run  what each output would hold, and whether it would change
  k400-slice run slices.json --check    in CI: fail if a committed manifest differs from what the config gives

Exit codes:
  0  done (with --check: every output is up to date)
  1  --check found outputs that differ or are missing
  2  usage or input error, or a broken config (one line per problem); nothing written
  70 internal error (a bug): please report it, with the stack printed
  130/143 interrupted (SIGINT/SIGTERM): the previous outputs are intact, temporary files removed
`;

export function runCommand(io: Io): Command {
  return new Command('run')
    .description('Write every slice a config describes, walking each source once; --check verifies them.')
    .argument('[config]', 'the JSON config (with --init: where to write one, default slices.json)')
    .option('--check', 'write nothing; exit 1 naming each output that differs from what the config gives')
    .option('--init', 'write a minimal config to start from')
    .option('--dry-run', 'write nothing; print what each output would hold and whether it would change')
    .option('--threads <N>', THREADS_HELP)
    .option('--html <file>', 'write one self-contained HTML page of every slice')
    .option('--markdown <file>', "write a Markdown card of every slice, '-' for stdout")
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .addHelpText('after', HELP)
    .action(
      async (
        config: string | undefined,
        raw: {
          check?: boolean;
          init?: boolean;
          quiet?: boolean;
          threads?: string;
          html?: string;
          markdown?: string;
          dryRun?: boolean;
        },
        command: Command,
      ) => {
        const targets = reportTargets(raw);
        if ((raw.check === true || raw.init === true) && (targets.html ?? targets.markdown) !== undefined) {
          const flag = targets.html === undefined ? '--markdown' : '--html';
          throw new UsageError(
            `${flag} cannot be combined with ${raw.check === true ? '--check' : '--init'}`,
            'run the slices to write the page and the card',
          );
        }
        if (raw.init === true) {
          const target = config ?? 'slices.json';
          if (existsSync(target))
            throw new DatasetError(`'${target}' exists already`, 'choose another file name, or edit it');
          assertWritable(target);
          await writeAllOrNothing([{ path: target, content: `${JSON.stringify(INIT_CONFIG, null, 2)}\n` }]);
          if (raw.quiet !== true)
            io.stderr(`k400-slice: wrote ${target}; set "source" to your dataset and run: k400-slice run ${target}\n`);
          return;
        }
        if (config === undefined)
          throw new UsageError(
            "missing required argument 'config'",
            'k400-slice run slices.json, or k400-slice run --init',
          );
        // Before the walk: a card to stdout, or a page that cannot be written, fails fast.
        checkReportTargets(targets, [], { manifestOnStdout: false });
        const progress = progressLine(io, raw.quiet !== true, 'scanning');
        const drawn = targets.html !== undefined || targets.markdown !== undefined;
        let slices: PlannedSlice[];
        try {
          slices = await planRun(config, {
            check: raw.check === true,
            drawn,
            onProgress: progress.update,
            threads: parseThreads(raw.threads),
          });
        } catch (error) {
          // As in `slice`: --strict findings write the report, then fail before any manifest.
          if (error instanceof StrictSliceError)
            await writeStrictReports(error, raw.check !== true && raw.dryRun !== true);
          throw error;
        } finally {
          progress.done();
        }
        if (raw.check === true) return check(io, config, slices, raw.quiet === true);
        const committed = await commitSlices(slices, {
          dryRun: raw.dryRun === true,
          targets,
          title: `Slices of ${config}`,
          rebuild: commandLine(command),
          toStdout: text => writeData(io, text),
        });
        if (committed.outcome === null) {
          await writeData(io, renderSlicesDryRun(slices, committed.pages, committed.guard, true));
          if (raw.quiet !== true) io.stderr('k400-slice: dry run: nothing written\n');
          return;
        }
        if (raw.quiet !== true) io.stderr(renderRunSummary(slices, committed.outcome));
      },
    );
}

/** `--check`: a line on stdout for every output that differs from what the config gives; exit 1 if any. */
function check(io: Io, config: string, slices: readonly PlannedSlice[], quiet: boolean): void {
  const drift = findDrift(slices);
  for (const d of drift) {
    const changes = d.added === null ? '' : ` (+${d.added} -${d.removed} clips)`;
    io.stdout(`${d.slice}: ${d.path} ${d.state === 'missing' ? 'is missing' : `differs${changes}`}\n`);
  }
  const files = slices.reduce((n, s) => n + s.files.length, 0);
  if (drift.length > 0)
    throw new CheckFailedError(
      `${plural(drift.length, 'output')} of ${plural(slices.length, 'slice')} out of date: run k400-slice ` +
        `run ${config}`,
    );
  if (!quiet) io.stderr(`k400-slice: ${plural(files, 'output')} of ${plural(slices.length, 'slice')} up to date\n`);
}
