/**
 * Typed errors. The core throws these; only `cli.ts` turns them into a message and an exit code.
 * Every error carries a hint that tells the user how to fix the problem.
 */
export abstract class K400Error extends Error {
  abstract readonly exitCode: number;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad options or arguments: exit 2. */
export class UsageError extends K400Error {
  readonly exitCode = 2;
}

/** The dataset, an input file or an output location cannot be used as asked: exit 2. */
export class DatasetError extends K400Error {
  readonly exitCode = 2;
}

/** The run worked but every clip was filtered away: exit 1. */
export class NothingSelectedError extends K400Error {
  readonly exitCode = 1;
}

/** A check ran and found a difference (verify, run --check): exit 1. The message is the finding. */
export class CheckFailedError extends K400Error {
  readonly exitCode = 1;
}

/** Differences were found and already printed as data (diff): exit 1 without an error line. */
export class DifferencesFound extends K400Error {
  readonly exitCode = 1;
  constructor() {
    super('');
  }
}
