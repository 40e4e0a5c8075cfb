import { Command, Option } from 'commander';
import { ENGINES } from '../engine/engines.js';
import type { Io } from '../io.js';
import { LABEL_STYLES } from '../labels/spellings.js';
import { strategyFlags } from '../select/strategies/index.js';
import { FORMAT_NAMES, separatorFormats, writers } from '../write/writers/index.js';
import { collect, withSourceOptions } from './source-options.js';

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
  const command = withSourceOptions(new Command('slice'))
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
    .option('--exclude-ids-file <file>', 'drop the clips a list names; repeatable', collect);
  // The size strategies' flags come from their records (select/strategies/), in the order they are registered.
  for (const { flag, help } of strategyFlags()) command.option(flag, help);
  return (
    command
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
      .option(
        '--separator <char>',
        `field separator of the ${separatorFormats().join(' and ')} formats (default: a space)`,
      )
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
      // The work of a slice (the api, the loaders, rendering) is imported when a slice runs, not for --help.
      .action(async (given: string | undefined, raw: Record<string, unknown>, command: Command) =>
        (await import('./slice-action.js')).sliceAction(io, given, raw, command),
      )
  );
}
