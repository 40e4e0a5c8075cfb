#!/usr/bin/env node
// A shim: the program lives in dist/ (built by `tsc` at install time, see package.json "prepare").
import { readFileSync, writeSync } from 'node:fs';

const args = process.argv.slice(2);
// `--version` alone is printed here, before the program's modules load: start-up is all it costs. Should the
// write fail (stdout on a full disk, a closed pipe), the program runs it again and reports that in its words.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V') && printVersion()) process.exitCode = 0;
else {
  const { main } = await import('../dist/src/cli.js');
  process.exitCode = await main(args);
}

function printVersion() {
  try {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    writeSync(1, `${version}\n`);
    return true;
  } catch {
    return false;
  }
}
