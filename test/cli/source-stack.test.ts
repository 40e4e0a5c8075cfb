import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { main as Main } from '../../src/cli.js';
import type { Io } from '../../src/io.js';
import { mapStack } from '../../src/source-stack.js';
import { PACKAGE_ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const BUNDLE = join(PACKAGE_ROOT, 'dist', 'bundle');

/** Where `text` first starts in a file, as a stack frame counts: line and column from 1. */
function positionOf(file: string, text: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex(l => l.includes(text));
  assert.ok(line >= 0, `${text} in ${file}`);
  return { line: line + 1, column: (lines[line] ?? '').indexOf(text) + 1 };
}

describe('an internal error from the bundle names the TypeScript it was built from', () => {
  it('maps a frame in the bundle to its line of src/, and leaves a frame without a map as it is', () => {
    const at = positionOf(join(BUNDLE, 'cli.js'), 'function escapeControls(');
    const source = positionOf(join(PACKAGE_ROOT, 'src', 'cli.ts'), 'function escapeControls(');
    const url = pathToFileURL(join(BUNDLE, 'cli.js')).href;
    const plain = `${pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', 'cli.js')).href}:3:4`;
    const stack = `Error: a bug\n    at escapeControls (${url}:${at.line}:${at.column})\n    at ${plain}`;
    assert.equal(
      mapStack(stack),
      `Error: a bug\n    at escapeControls (${join(PACKAGE_ROOT, 'src', 'cli.ts')}:${source.line}:${source.column})\n` +
        `    at ${plain}`,
    );
  });

  it('maps a frame of a bundle installed below a folder whose name has parentheses and spaces', () => {
    // A file URL escapes spaces but not parentheses, which also close a stack frame.
    const folder = join(tempDir(), 'Projects (old)', 'my tools', 'dist', 'bundle');
    mkdirSync(folder, { recursive: true });
    for (const file of ['cli.js', 'cli.js.map']) copyFileSync(join(BUNDLE, file), join(folder, file));
    const at = positionOf(join(BUNDLE, 'cli.js'), 'function escapeControls(');
    const source = positionOf(join(PACKAGE_ROOT, 'src', 'cli.ts'), 'function escapeControls(');
    const url = pathToFileURL(join(folder, 'cli.js')).href;
    const ts = join(folder, '..', '..', 'src', 'cli.ts');
    assert.match(url, /\(old\)/);
    assert.equal(
      mapStack(`Error: a bug\n    at escapeControls (${url}:${at.line}:${at.column})`),
      `Error: a bug\n    at escapeControls (${ts}:${source.line}:${source.column})`,
    );
  });

  it("the bundle's main reports a plain Error with frames in src/ and the packages, none in dist/bundle", async () => {
    const bundle = pathToFileURL(join(BUNDLE, 'cli.js')).href;
    const { main } = (await import(bundle)) as { main: typeof Main };
    let stderr = '';
    const io: Io = {
      stdout: () => {
        throw new Error('a bug in a writer');
      },
      stderr: text => {
        stderr += text;
      },
      stderrIsTTY: false,
      cwd: process.cwd(),
    };
    assert.equal(await main(['--help'], io), 70);
    assert.match(stderr, /^k400-slice: internal error, please report it:\nError: a bug in a writer\n/);
    assert.match(stderr, /[/\\]src[/\\]cli\.ts:\d+:\d+\)?\n/);
    assert.match(stderr, /[/\\]node_modules[/\\]commander[/\\]/);
    assert.doesNotMatch(stderr, /dist[/\\]bundle/);
  });
});
