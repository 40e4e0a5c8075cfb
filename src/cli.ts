import type { CommanderError } from 'commander';
import { commandEntries } from './commands/index.js';
import { DatasetError, K400Error } from './errors.js';
import type { Io } from './io.js';
import { ValidationError } from './options/validation.js';
import { mapStack } from './source-stack.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';
import { describeWriteError } from './write/commit-fs.js';
import { releaseSpools } from './write/spool.js';
import { abandonStaged } from './write/temp-files.js';

/**
 * The process boundary: the only place that knows about exit codes. Commands throw typed errors; this maps
 * them to one `k400-slice: error: ...` line each and an exit status. Unknown errors keep their stack.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  // `--version` alone is answered before commander loads: start-up is most of what it costs.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout(`${TOOL_VERSION}\n`);
    return flushed(io, TOOL_NAME, null);
  }
  // A slice of a Parquet index starts opening DuckDB now, on DuckDB's threads, while the rest of the
  // program loads (engine/early-duck.ts); it is closed when the command ends, unless the slice took it.
  if (argv[0] !== 'slice') return await runCommand(argv, io);
  const early = await import('./engine/early-duck.js');
  const opened = early.openEarlyDuck(argv.slice(1));
  // Its queries start before the modules load: begun together, DuckDB's answer to the open waited on the main
  // thread until they had loaded, and the queries with it.
  await opened?.asked;
  return await early.withEarlyDuck(opened, () =>
    runCommand(argv, opened === undefined ? io : { ...io, earlyDuck: opened }),
  );
}

/** Loads commander and the command that runs, and runs it. */
async function runCommand(argv: readonly string[], io: Io): Promise<number> {
  const commander = await import('commander');
  const { Command, Help } = commander;
  const program = new Command(TOOL_NAME)
    .description('Reproducible subsets of Kinetics-style video datasets, written as manifests.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureHelp({
      subcommandTerm: sub => commandEntries.find(e => e.name === sub.name())?.term ?? new Help().subcommandTerm(sub),
    })
    .addHelpText(
      'after',
      '\nRun `k400-slice <command> --help` for the options of a command.\n\nExit codes: 0 done; 1 nothing ' +
        'selected, or a check found differences; 2 usage or input error;\n  70 internal error (a bug: please ' +
        'report it, with the stack it prints); 130/143 interrupted.\n',
    );
  // Only the command that runs is loaded (`help NAME` loads NAME); the others are their name and one line,
  // which is all the top-level help and the "did you mean" suggestions read.
  const wanted = argv[0] === 'help' ? argv[1] : argv[0];
  for (const entry of commandEntries) {
    if (entry.name === wanted) program.addCommand((await entry.load())(io));
    else program.addCommand(new Command(entry.name).description(entry.summary));
  }
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: text => io.stdout(text),
      writeErr: text => io.stderr(text),
      outputError: () => undefined,
    });
  }
  const sub = program.commands.find(c => c.name() === argv[0]);
  const command = sub === undefined ? TOOL_NAME : `${TOOL_NAME} ${sub.name()}`;
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof commander.CommanderError && error.exitCode === 0))
      return report(error, io, command, commander.CommanderError);
  } finally {
    releaseSpools(); // manifests spooled for a commit, a dry run or a check: done with, whatever happened
  }
  return flushed(io, command, commander.CommanderError);
}

/** Exit 0 once whatever went to stdout (`--help > /dev/full` too) has arrived; else the write error. */
async function flushed(io: Io, command: string, commanderError: typeof CommanderError | null): Promise<number> {
  try {
    await io.flush?.();
    return 0;
  } catch (error) {
    return report(error, io, command, commanderError);
  }
}

/**
 * Control characters, newlines and line separators in names or arguments, escaped: an error is always one line,
 * and a name cannot move the cursor or forge another line.
 */
export function escapeControls(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    c =>
      named[c] ??
      (c.charCodeAt(0) > 0xff
        ? `\\u${c.charCodeAt(0).toString(16)}`
        : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`),
  );
}

function report(error: unknown, io: Io, command: string, commanderError: typeof CommanderError | null): number {
  const line = (text: string): void => io.stderr(`${TOOL_NAME}: error: ${escapeControls(text)}\n`);
  if (commanderError !== null && error instanceof commanderError) {
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
  // The bin runs the bundle: its frames are followed back to the TypeScript (source-stack.ts).
  const stack = error instanceof Error ? mapStack(String(error.stack)) : String(error);
  io.stderr(`${TOOL_NAME}: internal error, please report it:\n${stack}\n`);
  return 70;
}

function processIo(): Io {
  // A reader that stops early (`k400-slice slice ... | head`) closes the pipe: stop quietly, as tools do. Any
  // other failure (`> /dev/full`) is kept and reported by flush(), as one error line, before any summary.
  let failure: NodeJS.ErrnoException | null = null;
  const pending: Promise<void>[] = [];
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') {
      // As after a signal: files staged for a commit, and DuckDB's spill folders (an early DuckDB's too), go.
      abandonStaged();
      process.exit(0);
    }
    failure ??= error;
  };
  process.stdout.on('error', onError);
  interruptible();
  return {
    stdout: text => {
      pending.push(
        new Promise<void>(done =>
          process.stdout.write(text, error => {
            if (error) onError(error);
            done();
          }),
        ),
      );
    },
    flush: async () => {
      await Promise.all(pending.splice(0));
      if (failure !== null)
        throw new DatasetError(`cannot write to stdout: ${describeWriteError(failure)}`, 'check where stdout goes');
    },
    stderr: text => void process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    // https://no-color.org: set and not empty means no colour.
    color: (process.env.NO_COLOR ?? '') === '',
    now: () => performance.now(),
  };
}

/**
 * SIGINT and SIGTERM: the outputs of the run are left as they were (a commit stages its files asynchronously and
 * renames them without letting a signal in), the staged files are removed, and the exit status is 130 or 143.
 */
function interruptible(): void {
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      abandonStaged();
      process.exit(status);
    });
  }
}
