import { readFileSync, writeFileSync } from 'node:fs';
import { openDuck, sqlText } from '../src/engine/duckdb.js';

// DuckDB on its own: runs a query file (what `k400-slice sql --dialect duckdb` printed) and writes its rows
// as CSV with DuckDB's writer, then records the process's peak resident memory like peak-rss.ts.
const [queryFile, output] = process.argv.slice(2) as [string, string];
const query = readFileSync(queryFile, 'utf8').replace(/;\s*$/, '');
const duck = await openDuck({ memoryLimit: process.env.K400_BENCH_DUCK_MEMORY ?? '4GB' });
await duck.run(`COPY (${query}) TO ${sqlText(output)} (FORMAT csv)`);
duck.close();
const file = process.env.K400_BENCH_RSS_FILE;
if (file !== undefined) {
  writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  // CPU seconds of every thread of the process: the steadier figure on a machine others share.
  const { user, system } = process.cpuUsage();
  writeFileSync(`${file}.cpu`, String((user + system) / 1e6));
}
