import type { Command } from 'commander';
import type { Io } from '../io.js';

/**
 * A command as the top-level help knows it: its name and one line, and how to load the rest. A command's module
 * (its options, its api, zod) is imported only when that command runs, so `--version` and `--help` stay cheap.
 */
export interface CommandEntry {
  readonly name: string;
  /** How `--help` lists it, `slice [options] [source]`: what commander would make of the loaded command. */
  readonly term: string;
  /** The command's `.description()`, word for word: a test holds the two together. */
  readonly summary: string;
  load(): Promise<(io: Io) => Command>;
}

/** Every command, in the order `--help` lists them. */
export const commandEntries: readonly CommandEntry[] = [
  {
    name: 'slice',
    term: 'slice [options] [source]',
    summary: 'Select clips from a dataset reproducibly and write a manifest.',
    load: async () => (await import('./slice.js')).sliceCommand,
  },
  {
    name: 'run',
    term: 'run [options] [config]',
    summary: 'Write every slice a config describes, walking each source once; --check verifies them.',
    load: async () => (await import('./run.js')).runCommand,
  },
  {
    name: 'scan',
    term: 'scan [options] <root>',
    summary: 'Walk a dataset once and write its index, which slice, stats and verify read in place of the root.',
    load: async () => (await import('./scan.js')).scanCommand,
  },
  {
    name: 'stats',
    term: 'stats [options] <input>',
    summary: 'Count clips per class of a dataset root, an index or a manifest.',
    load: async () => (await import('./stats.js')).statsCommand,
  },
  {
    name: 'verify',
    term: 'verify [options] <manifest>',
    summary: "Check that every file of a manifest exists, is not empty, and has the manifest's size.",
    load: async () => (await import('./verify.js')).verifyCommand,
  },
  {
    name: 'diff',
    term: 'diff [options] <a> <b>',
    summary: 'Compare two manifests: clips only in A, only in B, label changes, respellings and label_index changes.',
    load: async () => (await import('./diff.js')).diffCommand,
  },
  {
    name: 'materialize',
    term: 'materialize [options] <manifest> <dest>',
    summary: 'Build DEST/[<split>/]<label>/<file> from a manifest, for tools that read class folders.',
    load: async () => (await import('./materialize.js')).materializeCommand,
  },
  {
    name: 'schema',
    term: 'schema',
    summary: 'Print the JSON Schema of JSON and JSONL manifests (made from the schema the tool reads them with).',
    load: async () => (await import('./schema.js')).schemaCommand,
  },
  {
    name: 'sql',
    term: 'sql [options] <index>',
    summary:
      'Print the SQL query that selects the same clips as a slice, for DuckDB, Spark, BigQuery, Trino or PostgreSQL.',
    load: async () => (await import('./sql.js')).sqlCommand,
  },
];
