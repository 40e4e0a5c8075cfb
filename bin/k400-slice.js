#!/usr/bin/env node
// A shim: the program lives in dist/bundle/ (built by `tsc` and esbuild at install time, see package.json "prepare"
// and scripts/bundle.js: a handful of files to load instead of every module of dist/src). It is
// CommonJS (bin/package.json): Node starts a CommonJS file without its ES module loader, which `--version`
// would otherwise wait for; the program itself, an ES module, is imported only when it is needed.
const { readFileSync, writeSync } = require('node:fs');
// A young generation of 2 MB a semi-space (V8's default grows to 16 MB): a walk's garbage dies young, and the
// larger space only raised the peak. Slicing 650,000 files peaked about 15 MB lower, at the same speed; scan,
// indexes and the DuckDB engine measured the same either way. Set before any module loads or thread starts.
require('node:v8').setFlagsFromString('--max-semi-space-size=2');

const args = process.argv.slice(2);
// `--version` alone is printed here, before the program's modules load: start-up is all it costs. Should the
// write fail (stdout on a full disk, a closed pipe), the program runs it again and reports that in its words.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V') && printVersion()) process.exitCode = 0;
else
  import('../dist/bundle/cli.js')
    .then(({ main }) => main(args))
    .then(
      status => {
        process.exitCode = status;
      },
      // What an ES module shim's top-level await did: the error with its stack, and exit 1.
      error => {
        console.error(error);
        process.exitCode = 1;
      },
    );

function printVersion() {
  try {
    const { version } = JSON.parse(readFileSync(`${__dirname}/../package.json`, 'utf8'));
    writeSync(1, `${version}\n`);
    return true;
  } catch {
    return false;
  }
}
