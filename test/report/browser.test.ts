import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { type InProcessRun, runCli } from './run-in-process.js';

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

interface Rendered {
  readonly dom: string;
  readonly console: string[];
}

/**
 * Renders pages headless in one Chromium (a launch costs seconds of CPU): each in an iframe of a page that, once
 * all have loaded, copies every page's DOM after its scripts ran into a textarea. Console messages name their
 * page as their source.
 */
function renderAll(pages: readonly string[]): Rendered[] {
  const frames = pages.map(page => `<iframe src="${pathToFileURL(page).href}"></iframe>`).join('');
  const harness = join(tempDir(), 'harness.html');
  writeFileSync(
    harness,
    `<!DOCTYPE html><html><body>${frames}<script>
window.addEventListener('load', () => {
  for (const frame of document.querySelectorAll('iframe')) {
    const copy = document.createElement('textarea');
    copy.textContent = frame.contentDocument.documentElement.outerHTML;
    document.body.append(copy);
  }
});
</script></body></html>`,
  );
  const run = spawnSync(
    CHROMIUM as string,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--allow-file-access-from-files',
      '--enable-logging=stderr',
      '--v=0',
      '--dump-dom',
      pathToFileURL(harness).href,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  const doms = [...run.stdout.matchAll(/<textarea>([\s\S]*?)<\/textarea>/g)].map(match => unescapeText(match[1] ?? ''));
  assert.equal(doms.length, pages.length, run.stdout.slice(-2000));
  const console = run.stderr.split('\n').filter(line => line.includes(':CONSOLE'));
  return pages.map((page, i) => ({
    dom: doms[i] ?? '',
    console: console.filter(line => line.includes(`source: ${pathToFileURL(page).href} `)),
  }));
}

/** A textarea's text as Chromium serialises it: &, <, > and no-break spaces escaped. */
function unescapeText(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&nbsp;', '\u00a0').replaceAll('&amp;', '&');
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
  const dir = tempDir();
  const bad = join(dir, 'bad.html');
  const page = join(dir, 'mini.html');
  let slice: InProcessRun | undefined;
  let rendered: Rendered[] = [];
  before(async () => {
    writeFileSync(bad, '<!DOCTYPE html><html><body><script>notDefined();</script></body></html>');
    slice = await runCli([
      'slice',
      fixture('kinetics-mini'),
      '--percent',
      '50',
      '-o',
      join(dir, 'm.csv'),
      '--html',
      page,
    ]);
    if (slice.status === 0) rendered = renderAll([bad, page, clickingCopy(page, 'selected')]);
  });

  it('notices a page that logs an error (the check below can fail)', () => {
    assert.equal(rendered[0]?.console.length, 1);
  });

  it('renders the fixture slice with no console message, one bar a class, and working sort buttons', () => {
    assert.equal(slice?.status, 0, slice?.stderr);
    const { dom, console } = rendered[1] as Rendered;
    assert.deepEqual(console, []);
    assert.equal([...dom.matchAll(/<svg class="bar"/g)].length, 6);
    assert.match(dom, /<p class="sorters">Sort/, 'the script ran to its end and showed the sort buttons');
    const sorted = rendered[2] as Rendered;
    assert.deepEqual(sorted.console, []);
    const order = /data-order="([^"]*)"/.exec(sorted.dom)?.[1]?.split('|') ?? [];
    assert.equal(order[0], 'air drumming');
    assert.equal(order.length, 6);
  });
});
