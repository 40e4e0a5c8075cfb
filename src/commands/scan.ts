import { isAbsolute, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Command } from 'commander';
import * as z from 'zod';
import { assertStrict, reconciliationReport } from '../api/report.js';
import { sortClips } from '../clip.js';
import type { Io } from '../io.js';
import { progressLine, writeData } from '../io.js';
import { bucketPrefix, extensionList, flag, pathList, text, threadsField } from '../options/fields.js';
import { cliName, parseWith } from '../options/validation.js';
import { clipPathSet } from '../source/clip-paths.js';
import { indexPieces, probeCacheOf } from '../source/index-file.js';
import { loadSource } from '../source/load.js';
import { layoutField } from '../source/loaders/layout-field.js';
import { renderParquetIndex } from '../source/parquet-index.js';
import type { Source } from '../source/source.js';
import { assertWritable, type CommitOptions, contentPieces, planCommit, writeAllOrNothing } from '../write/atomic.js';
import { failAfterReport } from './outputs.js';
import { describeSource, plural } from './slice-summary.js';
import { withSourceOptions } from './source-options.js';

const scanOptionsSchema = z.strictObject({
  source: text,
  layout: layoutField.optional(),
  prefix: bucketPrefix.optional(),
  split: text.optional(),
  annotations: pathList.optional(),
  ext: extensionList.optional(),
  threads: threadsField.optional(),
  probe: flag.default(false),
  output: text.default('-'),
  report: text.optional(),
  strict: flag.default(false),
  quiet: flag.default(false),
});

export function scanCommand(io: Io): Command {
  return withSourceOptions(new Command('scan'))
    .description('Walk a dataset once and write its index, which slice, stats and verify read in place of the root.')
    .argument('<root>', 'dataset root (class tree, split tree, CVDF download, or any root with --annotations)')
    .option(
      '--probe',
      "read every video's container header (duration, frames, size, codec; corrupt files); an earlier index at -o " +
        'is reused for files unchanged since',
    )
    .option(
      '-o, --output <file>',
      "where to write the index: JSON lines, or Parquet when it ends in .parquet; '-' for stdout (default: -)",
    )
    .option('--prefix <uri>', 'with a bucket listing as ROOT: the folder it lists, e.g. s3://bucket/k400/')
    .option('--report <file>', 'write the reconciliation of files and annotations as JSON')
    .option('--strict', 'exit 2 if any clip is missing, empty, corrupt, duplicated or unannotated (after --report)')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .addHelpText(
      'after',
      [
        '\nExamples:',
        '  k400-slice scan data/k400 -o k400.index.jsonl',
        '  k400-slice slice k400.index.jsonl --percent 10 -o k400-10pct.csv',
        '  k400-slice scan data/k400 -o k400.index.parquet   (columnar; needs DuckDB)',
        '\nExit codes: 0 index written; 2 usage or input error (or --strict findings); 70 a bug;',
        '130/143 interrupted, the previous index intact.\n',
      ].join('\n'),
    )
    .action(async (root: string, raw: Record<string, unknown>) => {
      const options = parseWith(scanOptionsSchema, { source: root, ...raw }, cliName);
      for (const path of [options.output === '-' ? null : options.output, options.report ?? null])
        if (path !== null) assertWritable(path);
      const progress = progressLine(io, !options.quiet, options.probe ? 'probing' : 'scanning');
      let source: Source;
      try {
        const cache = options.probe && options.output !== '-' ? probeCacheOf(options.output) : new Map();
        source = await loadSource(options.source, {
          split: options.split,
          layout: options.layout,
          prefix: options.prefix,
          annotations: options.annotations,
          extensions: options.ext,
          threads: options.threads,
          // Nothing is selected from a scan: the walk hashes no selection keys and sorts nothing.
          seed: null,
          probe: options.probe ? { cache } : undefined,
          onProgress: progress.update,
        });
      } finally {
        progress.done();
      }
      const reports =
        options.report === undefined
          ? []
          : [{ path: options.report, content: `${JSON.stringify(reconciliationReport(source), null, 2)}\n` }];
      const guard: CommitOptions = {
        inputs: [
          { path: options.source, what: 'the source' },
          ...(options.annotations ?? []).map(path => ({ path, what: 'the annotations' })),
          ...source.annotations.map(a => ({ path: isAbsolute(a) ? a : join(source.root, a), what: 'the annotations' })),
        ],
        roots: [{ root: source.root, paths: clipPathSet(source.table) }],
      };
      if (options.strict) {
        try {
          assertStrict(source);
        } catch (error) {
          await failAfterReport(error, reports, guard, false);
        }
      }
      const index = options.output.endsWith('.parquet')
        ? await renderParquetIndex(source, sortClips(source.clips), options.output)
        : indexPieces(source, options.output === '-' ? undefined : options.output);
      if (options.output === '-') {
        planCommit(reports, guard);
        // A block at a time, each written before the next is made: an index of Kinetics-700 held whole as
        // text took 600 MB.
        const decoder = new StringDecoder('utf8');
        for (const piece of contentPieces(index)) await writeData(io, decoder.write(piece));
        await writeData(io, decoder.end());
      }
      const files = [...(options.output === '-' ? [] : [{ path: options.output, content: index }]), ...reports];
      const written = await writeAllOrNothing(files, guard);
      const outcome = options.output === '-' ? null : written;
      if (!options.quiet) {
        let to = 'stdout';
        if (outcome !== null)
          to = !outcome.unchanged.includes(options.output) ? options.output : `${options.output} (unchanged)`;
        const lines = [
          ...describeSource(source),
          `indexed ${plural(source.clips.length, 'clip')} -> ` +
            `${to}${options.report === undefined ? '' : `, ${options.report}`}`,
        ];
        io.stderr(lines.map(line => `k400-slice: ${line}\n`).join(''));
      }
    });
}
