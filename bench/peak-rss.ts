import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Runs the CLI exactly as bin/k400-slice.js does (the bundle, with the shim's young-generation limit set before
// the program loads), then records the process's peak resident memory
// (worker threads included: they share the process) in the file named by K400_BENCH_RSS_FILE.
setFlagsFromString('--max-semi-space-size=2');
// The bundle is built beside dist/src (scripts/bundle.js), where tsc does not look: named by URL, typed as the source.
const bundle = new URL('../bundle/cli.js', import.meta.url).href;
const { main } = (await import(bundle)) as typeof import('../src/cli.js');
const status = await main(process.argv.slice(2));
const file = process.env.K400_BENCH_RSS_FILE;
if (file !== undefined) {
  writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  // CPU seconds of every thread of the process: the steadier figure on a machine others share.
  const { user, system } = process.cpuUsage();
  writeFileSync(`${file}.cpu`, String((user + system) / 1e6));
}
process.exitCode = status;
