import { Command, CommanderError } from 'commander';
import { diffCommand } from './commands/diff.js';
import { materializeCommand } from './commands/materialize.js';
import { runCommand } from './commands/run.js';
import { scanCommand } from './commands/scan.js';
import { schemaCommand } from './commands/schema.js';
import { sliceCommand } from './commands/slice.js';
import { statsCommand } from './commands/stats.js';
import { verifyCommand } from './commands/verify.js';
import { K400Error } from './errors.js';
import type { Io } from './io.js';
import { ValidationError } from './options/validation.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

/**
 * The process boundary: the only place that knows about exit codes. Commands throw typed errors; this maps
 * them to one `k400-slice: error: ...` line each and an exit status. Unknown errors keep their stack.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const program = new Command(TOOL_NAME)
    .description('Reproducible subsets of Kinetics-style video datasets, written as manifests.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addCommand(sliceCommand(io))
    .addCommand(runCommand(io))
    .addCommand(scanCommand(io))
    .addCommand(statsCommand(io))
    .addCommand(verifyCommand(io))
    .addCommand(diffCommand(io))
    .addCommand(materializeCommand(io))
    .addCommand(schemaCommand(io))
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nRun `k400-slice <command> --help` for the options of a command.\n\nExit codes: 0 done; 1 nothing selected, or a check found differences; 2 usage or input error.\n',
    );
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: text => io.stdout(text),
      writeErr: text => io.stderr(text),
      outputError: () => undefined,
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    const sub = program.commands.find(c => c.name() === argv[0]);
    return report(error, io, sub === undefined ? TOOL_NAME : `${TOOL_NAME} ${sub.name()}`);
  }
}

function report(error: unknown, io: Io, command: string): number {
  const line = (text: string): void => io.stderr(`${TOOL_NAME}: error: ${text}\n`);
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0; // --help, --version
    if (error.code === 'commander.help') return 2; // no command given: the help was the message
    line(`${error.message.replace(/^error: /, '').replace(/\n/g, ' ')} (see ${command} --help)`);
    return 2;
  }
  if (error instanceof ValidationError) {
    for (const problem of error.problems) line(problem);
    return error.exitCode;
  }
  if (error instanceof K400Error) {
    if (error.message === '') return error.exitCode; // the output already said it (diff)
    line(error.hint === undefined ? error.message : `${error.message} (${error.hint})`);
    return error.exitCode;
  }
  io.stderr(
    `${TOOL_NAME}: internal error, please report it:\n${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return 70;
}

function processIo(): Io {
  // A reader that stops early (`k400-slice slice ... | head`) closes the pipe: stop quietly, as tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    stdout: text => void process.stdout.write(text),
    stderr: text => void process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    // https://no-color.org: set and not empty means no colour.
    color: (process.env.NO_COLOR ?? '') === '',
    now: () => performance.now(),
  };
}
