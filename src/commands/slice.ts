import { Command, Option } from 'commander';
import { loadHave, loadSliceSource } from '../api/plan-source.js';
import { assertStrict, reconciliationReport } from '../api/report.js';
import { matchIdLists, type Preselected, planSlice, prepareSlice } from '../api/slice.js';
import { inputsOf } from '../api/slice-inputs.js';
import { chooseEngine } from '../engine/choose.js';
import { sliceWithDuckDb } from '../engine/duckdb-slice.js';
import { ENGINES } from '../engine/engines.js';
import { UsageError } from '../errors.js';
import { type Io, progressLine, writeData } from '../io.js';
import { LABEL_STYLES } from '../labels/spellings.js';
import { sliceOptionsSchema } from '../options/slice-options.js';
import { cliName, parseWith } from '../options/validation.js';
import { checkReportTargets, reportFiles, reportTargets } from '../report/report-outputs.js';
import { sliceSection } from '../report/slice-section.js';
import type { Source } from '../source/source.js';
import { planCommit, writeAllOrNothing } from '../write/atomic.js';
import { FORMAT_NAMES, writers } from '../write/writers/index.js';
import { commandLine } from './command-line.js';
import { failAfterReport, renderDryRun, renderDryRunStdout } from './outputs.js';
import { renderSliceSummary } from './slice-summary.js';
import { collect, parseThreads, withSourceOptions } from './source-options.js';

const EXAMPLES = `
Examples:
  10% of every class (at least 1 clip each), as CSV:
    k400-slice slice data/k400 --percent 10 -o k400-10pct.csv
  50 clips of every class of the val split, as JSON:
    k400-slice slice data/k400 --split val --per-class 50 -o val-50.json
  1000 clips in all, shared across classes in proportion to their size:
    k400-slice slice data/k400 --count 1000 --stratified -o k400-1k.csv
  Three classes, every clip, labels renumbered 0..2:
    k400-slice slice data/k400 --classes "abseiling,air drumming,hurling (sport)" --relabel
  A CVDF download (annotations/<split>.csv beside <split>/ folders) is read without flags:
    k400-slice slice k400 --split val --percent 10 --report val-report.json
  Mini-Kinetics-200 from its published list of youtube ids:
    k400-slice slice k400 --split val --ids-file val_ytid_list.txt -o mini200-val.csv
  Train, val and test parts that share no video, 8 shards of train for 8 GPUs:
    k400-slice slice data/k400 --percent 20 --splits train=80,val=10,test=10 -o m/k400-{split}.csv
    k400-slice slice data/k400 --split train --shards 8 -o m/train-{shard}.csv
  Before downloading anything: 10% of every class and 20% spares, as a yt-dlp script (see README):
    k400-slice slice --annotations train.csv --annotations val.csv --percent 10 --spare 20% -o plan.sh
  A page to look at (bars per class, losses, parts) and a card for a CI job summary:
    k400-slice slice data/k400 --percent 10 -o k400-10pct.csv --html k400-10pct.html --markdown -
  Another seed gives another, equally reproducible, slice:
    k400-slice slice data/k400 --percent 10 --seed 7 -o k400-10pct-seed7.csv

Exit codes:
  0  manifest written (or printed)
  1  ran, but selected nothing (the message names the filter that removed everything)
  2  usage or input error; nothing was written
  70 internal error (a bug): please report it, with the stack printed
  130/143 interrupted (SIGINT/SIGTERM): the previous outputs are intact, temporary files removed
`;

export function sliceCommand(io: Io): Command {
  return withSourceOptions(new Command('slice'))
    .description('Select clips from a dataset reproducibly and write a manifest.')
    .argument(
      '[source]',
      'dataset root (ROOT/<class>/<clip>, ROOT/<split>/<class>/<clip>, a CVDF download) or an index from ' +
        'k400-slice scan; none with --annotations: slice the annotations alone, to plan a download',
    )
    .option('--seed <text>', 'seed of the selection; any text (default: 0)')
    .option(
      '--probe',
      "read every video's container header: corrupt files are never selected; adds duration_s, fps, ... columns",
    )
    .option('--min-duration <S>', 'keep clips at least S seconds long (needs --probe or a probed index)')
    .option('--min-frames <N>', 'keep clips of at least N frames (needs --probe or a probed index)')
    .option('--classes <list>', 'keep only these classes, comma-separated, any spelling; repeatable', collect)
    .option('--classes-file <file>', 'keep only the classes listed in a file (one a line, # comments)')
    .option('--exclude-classes <list>', 'drop these classes; repeatable', collect)
    .option('--exclude-classes-file <file>', 'drop the classes listed in a file')
    .option(
      '--ids-file <file>',
      'keep only the clips a list names (youtube ids, clip ids, paths, or an annotation CSV); repeatable',
      collect,
    )
    .option('--exclude-ids-file <file>', 'drop the clips a list names; repeatable', collect)
    .option('--percent <P>', 'keep P% of every class, 0 < P <= 100, rounded half up')
    .option('--min-per-class <m>', 'with --percent, keep at least m clips of every class (default: 1)')
    .option('--per-class <N>', 'keep N clips of every class (all of a smaller class)')
    .option('--count <N>', 'keep N clips in all')
    .option('--stratified', 'with --count, share N across classes in proportion to their size')
    .option('--allow-fewer', 'with --count, take every clip when fewer than N are eligible')
    .option('--shuffle', 'rows in a seeded training order (default: split, label, clip id)')
    .option('--relabel', 'label_index over the selected classes only, 0..k-1')
    .option('--label-map <file>', 'label_index from a class list (one a line, or a CSV with id and name columns)')
    .option('--label-map-id <column>', 'the id column of a --label-map CSV with several (e.g. mini_id)')
    .addOption(
      new Option('--label-style <style>', 'spelling of the label column (default: as found)').choices(LABEL_STYLES),
    )
    .option('--absolute', 'write absolute paths (default: relative to the root)')
    .option('--prefix <uri>', 'with a bucket listing as ROOT: the folder it lists, e.g. s3://bucket/k400/')
    .addOption(
      new Option('--format <name>', 'manifest format (default: from the -o extension; csv on stdout)').choices(
        FORMAT_NAMES,
      ),
    )
    .option('--separator <char>', 'field separator of the mmaction and pytorchvideo formats (default: a space)')
    .option('--splits <parts>', 'disjoint parts by weight, e.g. train=80,val=10,test=10 (-o needs {split})')
    .option('--shards <N>', 'N disjoint shards of the slice, or of each part (-o needs {shard})')
    .option('-o, --output <file>', "where to write the manifest, '-' for stdout (default: -)")
    .option('--no-meta', 'do not write the <output>.meta.json provenance sidecar of CSV and JSONL manifests')
    .option('--report <file>', 'write the reconciliation of files and annotations as JSON')
    .option('--strict', 'exit 2 if any clip is missing, empty, corrupt, duplicated or unannotated (after --report)')
    .addOption(
      new Option(
        '--engine <name>',
        'what selects from an index: js, duckdb, or auto (DuckDB from 200,000 clips, when installed)',
      )
        .choices(ENGINES)
        .default('auto'),
    )
    .option('--html <file>', 'write a self-contained HTML page: classes as bars, losses, parts, histograms')
    .option('--markdown <file>', "write a Markdown card of the slice, '-' for stdout (then -o must name a file)")
    .option('--dry-run', 'write nothing; print what each output would hold and whether it would change')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .addHelpText(
      'after',
      `\nFormats:\n${Object.values(writers)
        .map(w => `  ${w.name.padEnd(6)} ${w.summary}`)
        .join('\n')}\n${EXAMPLES}`,
    )
    .option('--spare <S>', 'plan only: per class, S% of its quota or S clips more, next in key order (e.g. 20%)')
    .option('--have <root>', 'plan only: leave out clips already downloaded below ROOT (a folder or an index)')
    .action(async (given: string | undefined, raw: Record<string, unknown>, command: Command) => {
      const { quiet, threads, html, markdown, dryRun, ...rest } = raw;
      if (given === undefined && rest.annotations === undefined)
        throw new UsageError(
          "missing required argument 'source'",
          'give a dataset ROOT, or --annotations CSV to slice the annotations alone',
        );
      const options = parseWith(sliceOptionsSchema, { source: given, ...rest }, cliName);
      const walkers = parseThreads(threads);
      const prepared = prepareSlice(options);
      // The HTML page and the Markdown card count and plot every clip read, which DuckDB never hands over.
      const drawn = html !== undefined || markdown !== undefined;
      if (drawn && options.engine === 'duckdb')
        throw new UsageError('--html and --markdown need --engine js', 'they plot every clip of the source');
      const choice = await chooseEngine(drawn ? 'js' : options.engine, prepared);
      const targets = reportTargets({ html, markdown });
      const early = [options.output, prepared.sidecar, options.report ?? null].filter(p => p !== null && p !== '-');
      checkReportTargets(targets, early as string[], { manifestOnStdout: options.output === '-' });
      const progress = progressLine(io, quiet !== true, options.probe ? 'probing' : 'scanning');
      let source: Source;
      let preselected: Preselected | undefined;
      let have: ReadonlySet<string> | null = null;
      try {
        const load = { split: options.split, onProgress: progress.update, threads: walkers };
        if (choice.engine === 'duckdb')
          ({ source, preselected } = await sliceWithDuckDb(prepared, options.source as string));
        else source = await loadSliceSource(options, load);
        have = options.have === undefined ? null : await loadHave(options.have, options.annotations, load);
      } finally {
        progress.done();
      }
      const ids = matchIdLists(prepared, source);
      // Planned first (it writes nothing) so the report can name classes short of their quota, and hold every
      // warning whole (stderr shortens long ones).
      const planned = attempt(() => planSlice(prepared, source, ids, { preselected, have }));
      const short = planned.value?.result.short ?? [];
      const reconciled = () => reconciliationReport(source, ids, planned.value?.warnings ?? [], short);
      const reports =
        options.report === undefined
          ? []
          : [{ path: options.report, content: `${JSON.stringify(reconciled(), null, 2)}\n` }];
      const guard = inputsOf(options, source);
      if (options.strict) {
        try {
          assertStrict(source);
        } catch (error) {
          await failAfterReport(error, reports, guard, dryRun === true);
        }
      }
      // The report goes in the same commit as the manifests, so a check that fails later writes neither.
      if (planned.value === undefined) throw planned.error;
      const plan = planned.value;
      const reportPaths = reports.map(r => r.path);
      // Templated outputs ({split}, {shard}) are only known now.
      checkReportTargets(targets, [...plan.files.map(f => f.path), ...reportPaths], {
        manifestOnStdout: plan.stdout !== null,
        checkWritable: false,
      });
      const title = `Slice of ${options.source ?? options.annotations?.join(', ')}`;
      const pages = reportFiles(targets, title, [sliceSection(title, source, plan)], commandLine(command));
      const files = [...plan.files, ...reports, ...pages.files];
      if (dryRun === true) {
        const toStdout = plan.outputs.find(o => o.path === '-');
        const lines = renderDryRun(files, plan.outputs, guard);
        await writeData(
          io,
          `${toStdout && plan.stdout !== null ? renderDryRunStdout(toStdout, plan.stdout) : ''}${lines}`,
        );
        if (quiet !== true) io.stderr('k400-slice: dry run: nothing written\n');
        return;
      }
      // What goes to stdout is written first, after the files are checked, so a failed write commits nothing.
      const toStdout = plan.stdout ?? pages.stdout;
      if (toStdout !== null) {
        planCommit(files, guard);
        await writeData(io, toStdout);
      }
      const outcome = await writeAllOrNothing(files, guard);
      if (quiet !== true && choice.note !== undefined) io.stderr(`k400-slice: ${choice.note}\n`);
      const extra = [...reportPaths, ...pages.files.map(f => f.path)];
      if (quiet !== true) io.stderr(renderSliceSummary(source, plan, outcome, extra, options.report));
    });
}

/** Runs `work`, keeping what it threw to throw later: `--strict` findings come before a failed plan. */
function attempt<T>(work: () => T): { value: T; error?: undefined } | { value: undefined; error: unknown } {
  try {
    return { value: work() };
  } catch (error) {
    return { value: undefined, error };
  }
}
