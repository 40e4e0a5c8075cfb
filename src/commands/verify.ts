import { Command } from 'commander';
import * as z from 'zod';
import { describeFinding, verifyManifest } from '../api/verify.js';
import { CheckFailedError } from '../errors.js';
import { type Io, progressLine } from '../io.js';
import { text } from '../options/fields.js';
import { cliName, parseWith } from '../options/validation.js';
import { plural } from './slice-summary.js';

const verifyOptionsSchema = z.strictObject({
  manifest: text,
  root: text.optional(),
  quiet: z.boolean().default(false),
});

export function verifyCommand(io: Io): Command {
  return new Command('verify')
    .description("Check that every file of a manifest exists, is not empty, and has the manifest's size.")
    .argument('<manifest>', 'a manifest written by k400-slice (any --format, with its sidecar) or an index')
    .option('--root <dir>', 'dataset root the paths are relative to (default: the one in the provenance)')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .addHelpText(
      'after',
      '\nFindings are printed on stdout, one a line.\n\nExamples:\n  k400-slice verify manifests/k400-10pct.csv\n ' +
        ' k400-slice verify val.json --root /mnt/data/k400\n\nExit codes: 0 every file checks out; 1 findings ' +
        'printed; 2 usage or input error.\n',
    )
    .action(async (manifest: string, raw: Record<string, unknown>) => {
      const options = parseWith(verifyOptionsSchema, { manifest, ...raw }, cliName);
      const progress = progressLine(io, !options.quiet, 'verifying', { count: 'rows', total: 'rows' });
      let result: Awaited<ReturnType<typeof verifyManifest>>;
      try {
        result = await verifyManifest(options.manifest, options.root, (done, rows) =>
          progress.update(done, done, rows),
        );
      } finally {
        progress.done();
      }
      for (const finding of result.findings) io.stdout(`${describeFinding(finding)}\n`);
      const summary = `${plural(result.rows, 'row')} checked against ${result.root}`;
      if (result.findings.length > 0)
        throw new CheckFailedError(`${summary}: ${plural(result.findings.length, 'problem')}`);
      if (!options.quiet) io.stderr(`k400-slice: ${summary}: all present\n`);
    });
}
