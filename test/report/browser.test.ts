import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { runCli } from './run-in-process.js';

/** Debian's `chromium` package, or another Chromium on the PATH; null when none is installed. */
function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    if (spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0) return name;
  }
  return null;
}

const CHROMIUM = findChromium();
const SKIP =
  CHROMIUM === null ? 'Chromium is not installed (apt-get install chromium): the page is not rendered' : false;

/** Renders a page headless: the DOM after its scripts ran, and every console message it logged. */
function render(page: string): { dom: string; console: string[] } {
  const run = spawnSync(
    CHROMIUM as string,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-logging=stderr',
      '--v=0',
      '--dump-dom',
      pathToFileURL(page).href,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  return { dom: run.stdout, console: run.stderr.split('\n').filter(line => line.includes(':CONSOLE')) };
}

/** A copy of the page with a script that clicks a sort button and records the order of the rows. */
function clickingCopy(page: string, button: string): string {
  const copy = page.replace(/\.html$/, `-${button}.html`);
  const probe = `<script>
document.querySelector('button[data-sort="${button}"]').click();
const rows = document.querySelectorAll('table.classes tbody tr');
document.body.dataset.order = [...rows].map(r => r.dataset.name).join('|');
</script></body>`;
  writeFileSync(copy, readFileSync(page, 'utf8').replace('</body>', probe));
  return copy;
}

describe('the HTML page in a real browser', { skip: SKIP }, () => {
  it('notices a page that logs an error (the check below can fail)', () => {
    const bad = join(tempDir(), 'bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html><body><script>notDefined();</script></body></html>');
    assert.equal(render(bad).console.length, 1);
  });

  it('renders the fixture slice with no console message, one bar a class, and working sort buttons', async () => {
    const dir = tempDir();
    const page = join(dir, 'mini.html');
    const run = await runCli([
      'slice',
      fixture('kinetics-mini'),
      '--percent',
      '50',
      '-o',
      join(dir, 'm.csv'),
      '--html',
      page,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const { dom, console } = render(page);
    assert.deepEqual(console, []);
    assert.equal([...dom.matchAll(/<svg class="bar"/g)].length, 6);
    assert.match(dom, /<p class="sorters">Sort/, 'the script ran to its end and showed the sort buttons');
    const sorted = render(clickingCopy(page, 'selected'));
    assert.deepEqual(sorted.console, []);
    const order = /data-order="([^"]*)"/.exec(sorted.dom)?.[1]?.split('|') ?? [];
    assert.equal(order[0], 'air drumming');
    assert.equal(order.length, 6);
  });
});
