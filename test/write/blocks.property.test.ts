import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderInBlocks, renderManifest, writers } from '../../src/write/writers/index.js';
import { manifestClip, sampleProvenance } from '../helpers/manifests.js';

/** The text of a render, or the error it threw: a format that cannot hold a row must say so either way. */
function outcome(render: () => string): string {
  try {
    return `text:${render()}`;
  } catch (error) {
    return `error:${(error as Error).message}`;
  }
}

describe('rendering a manifest a block of rows at a time', () => {
  for (const writer of Object.values(writers)) {
    it(`${writer.name}: gives the bytes (or the error) of rendering it whole, for any block size`, () => {
      fc.assert(
        fc.property(
          fc.array(manifestClip, { maxLength: 12 }),
          fc.integer({ min: 1, max: 5 }),
          fc.boolean(),
          (clips, blockRows, probed) => {
            const manifest = {
              provenance: sampleProvenance(probed),
              classes: [{ label: 'a', label_index: 0, clips: clips.length }],
              clips,
            };
            const head = { provenance: manifest.provenance, classes: manifest.classes };
            const whole = outcome(() => renderManifest(writer, manifest, { separator: '\t' }));
            const blocks = outcome(() =>
              Buffer.concat(
                renderInBlocks(writer.open(head, { separator: '\t' }), clips, block => [...block], blockRows),
              ).toString('utf8'),
            );
            assert.equal(blocks, whole);
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
