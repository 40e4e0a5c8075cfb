import { Command } from 'commander';
import type { Io } from '../io.js';
import { manifestJsonSchema } from '../manifest/json-schema.js';

export function schemaCommand(io: Io): Command {
  return new Command('schema')
    .description('Print the JSON Schema of JSON and JSONL manifests (made from the schema the tool reads them with).')
    .addHelpText(
      'after',
      '\nA JSON manifest is the schema itself; each line of a JSONL manifest is its $defs/clip.\n\nExample:\n  ' +
        'k400-slice schema > manifest.schema.json\n',
    )
    .action(() => {
      io.stdout(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
    });
}
