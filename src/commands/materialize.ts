import { Command, Option } from 'commander';
import * as z from 'zod';
import { LINK_KINDS, materialize } from '../api/materialize.js';
import { grouped } from '../grouped.js';
import { type Io, progressLine } from '../io.js';
import { flag, text } from '../options/fields.js';
import { cliName, parseWith } from '../options/validation.js';
import { plural } from './slice-summary.js';

const materializeOptionsSchema = z.strictObject({
  manifest: text,
  dest: text,
  root: text.optional(),
  link: z.enum(LINK_KINDS).default('symlink'),
  force: flag.default(false),
  prune: flag.default(false),
  quiet: flag.default(false),
});

export function materializeCommand(io: Io): Command {
  return new Command('materialize')
    .description('Build DEST/[<split>/]<label>/<file> from a manifest, for tools that read class folders.')
    .argument('<manifest>', 'a CSV, JSON or JSONL manifest written by k400-slice')
    .argument('<dest>', 'folder to build (made if missing); nothing is written outside it')
    .option('--root <dir>', 'dataset root the paths are relative to (default: the one in the provenance)')
    .addOption(new Option('--link <kind>', 'how to place each file (default: symlink)').choices(LINK_KINDS))
    .option('--force', 'replace files at the targets that differ')
    .option('--prune', 'remove files (and links) in DEST that the manifest does not hold; never outside DEST')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .addHelpText(
      'after',
      '\nExamples:\n  k400-slice materialize k400-10pct.csv data/k400-10pct\n  k400-slice materialize val.json ' +
        '/scratch/val --link copy\n  k400-slice materialize k400-10pct.csv data/k400-10pct --prune\n\nExit codes: ' +
        '0 built (or already up to date); 2 usage or input error, nothing written; 70 a bug.\n',
    )
    .action((manifest: string, dest: string, raw: Record<string, unknown>) => {
      const options = parseWith(materializeOptionsSchema, { manifest, dest, ...raw }, cliName);
      const progress = progressLine(io, !options.quiet, 'materializing', { count: 'files', total: 'files' });
      let done: ReturnType<typeof materialize>;
      try {
        done = materialize(options.manifest, options.dest, {
          ...options,
          onProgress: (linked, files) => progress.update(linked, linked, files),
        });
      } finally {
        progress.done();
      }
      if (done.extra > 0 && done.pruned === 0 && !options.quiet)
        io.stderr(
          `k400-slice: warning: ${options.dest} holds ${plural(done.extra, 'file')} the manifest does not ` +
            `(--prune removes them)\n`,
        );
      if (!options.quiet) {
        const pruned = done.pruned > 0 ? `, removed ${plural(done.pruned, 'file')} the manifest does not hold` : '';
        const replaced = done.replaced > 0 ? `, replaced ${done.replaced}` : '';
        const made = options.link === 'copy' ? plural(done.created, 'copy', 'copies') : plural(done.created, 'link');
        const kept = grouped(done.unchanged);
        io.stderr(`k400-slice: ${options.dest}: made ${made}${replaced}, ${kept} already in place${pruned}\n`);
      }
    });
}
