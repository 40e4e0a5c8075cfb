import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuck, sqlText } from '../src/engine/duckdb.js';
import { fingerprintSql } from '../src/engine/index-table.js';
import { DEFAULT_SEED } from '../src/select/clip-key.js';
import { ClipList } from '../src/select/clip-rows.js';
import { indexHeader } from '../src/source/index-file.js';
import { HEADER_KEY } from '../src/source/parquet-head-sql.js';
import { INDEX_COLUMNS } from '../src/source/parquet-index.js';
import { Parts } from '../src/source/part.js';
import { assembleSource } from '../src/source/source.js';

/**
 * A Parquet index of `clips` Kinetics-like clips (700 classes, train/val/test, `{youtube_id}_{start}_{end}`
 * names), made once by DuckDB into the OS temp folder and kept there: 10^7 clips take a minute to make.
 */
export async function syntheticIndex(clips: number): Promise<string> {
  const path = join(tmpdir(), `k400-bench-index-${clips}.parquet`);
  if (existsSync(path)) return path;
  const classes = Array.from({ length: 700 }, (_, i) => `class ${String(i).padStart(3, '0')}`);
  const splits = ['test', 'train', 'val'];
  const duck = await openDuck({ memoryLimit: '2GB' });
  try {
    // Class sizes vary (i % 700 squared spreads them), splits are 80/10/10.
    // Above 2 * 10^7 clips the rows are not held (a view, computed again for each pass) nor sorted: a table
    // and a sort of 10^8 rows spill tens of GB, and no slice depends on the file's row order.
    const huge = clips > 20_000_000;
    await duck.run(`CREATE ${huge ? 'VIEW' : 'TABLE'} clips AS
      WITH base AS (
        SELECT i, substr(replace(replace(to_base64(unhex(md5(CAST(i AS VARCHAR)))), '+', '-'), '/', '_'), 1, 11) AS yt,
               'class ' || lpad(CAST((i * i + i // 7) % 700 AS VARCHAR), 3, '0') AS label,
               CASE WHEN i % 10 = 0 THEN 'val' WHEN i % 10 = 1 THEN 'test' ELSE 'train' END AS split,
               (i % 290) AS start
        FROM range(${clips}) AS t(i)
      )
      SELECT split || '/' || label || '/' || yt || '_' || lpad(CAST(start AS VARCHAR), 6, '0') || '_' ||
               lpad(CAST(start + 10 AS VARCHAR), 6, '0') || '.mp4' AS path,
             label,
             yt || '_' || lpad(CAST(start AS VARCHAR), 6, '0') || '_' ||
               lpad(CAST(start + 10 AS VARCHAR), 6, '0') AS clip_id,
             yt AS youtube_id, CAST(start AS DOUBLE) AS time_start, CAST(start + 10 AS DOUBLE) AS time_end, split,
             CAST(100000 + i % 900000 AS BIGINT) AS size_bytes,
             ${INDEX_COLUMNS.slice(8)
               .map(c => `CAST(NULL AS ${c.sql}) AS ${c.name}`)
               .join(', ')}
      FROM base`);
    const parts = new Parts();
    for (const split of splits) for (const label of classes) parts.of(split).classes.add(label);
    const fingerprint = await fingerprintSql(duck, 'clips', 'TRUE');
    const source = assembleSource({
      given: 'k400-synthetic',
      root: '/',
      layout: 'split-class-tree',
      clips: new ClipList([], DEFAULT_SEED, { unique: true, fingerprint }),
      parts,
    });
    const header = JSON.stringify(indexHeader(source, clips));
    const temp = `${path}.tmp`;
    await duck.run(
      `COPY (SELECT * FROM clips${huge ? '' : ' ORDER BY split, label, clip_id'}) TO ${sqlText(temp)} ` +
        `(FORMAT parquet, COMPRESSION zstd, KV_METADATA {${HEADER_KEY}: ${sqlText(header)}})`,
    );
    renameSync(temp, path);
  } finally {
    duck.close();
  }
  return path;
}
