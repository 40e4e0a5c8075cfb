import type { ManifestWriter } from './types.js';

/**
 * `{provenance, classes, clips}`, indented, with one class or clip a line: readable, and a change of one clip
 * is a one-line diff when manifests are committed.
 */
export const jsonWriter: ManifestWriter = {
  name: 'json',
  extensions: ['.json'],
  sidecar: false,
  separator: false,
  summary: '{provenance, classes, clips} in one file',
  open: manifest => {
    let written = 0;
    return {
      head: () =>
        [
          '{',
          `  "provenance": ${JSON.stringify(manifest.provenance, null, 2).replace(/\n/g, '\n  ')},`,
          `  "classes": ${itemsPerLine(manifest.classes)},`,
          '  "clips": ',
        ].join('\n'),
      rows: clips => {
        const text = clips.map((clip, i) => `${written + i === 0 ? '[\n' : ',\n'}    ${JSON.stringify(clip)}`).join('');
        written += clips.length;
        return text;
      },
      end: () => (written === 0 ? '[]\n}\n' : '\n  ]\n}\n'),
    };
  },
};

function itemsPerLine(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map(item => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
}
