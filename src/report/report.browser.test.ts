// Browser test: the report opens offline in headless Chromium with no errors, no requests, no script, and visible charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderReport } from './index.ts';
import { reportFixture, HOSTILE } from './testing/fixture.ts';
import type { Task } from '../learners/types.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SKIP = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does) to run the browser test`;
if (SKIP) console.log(`report.browser.test.ts skipped: ${SKIP}`);

/** What the page did while it loaded. */
interface Observed {
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

function observe(page: Page): Observed {
  const seen: Observed = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') seen.errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); void d.dismiss(); });
  return seen;
}

async function withBrowser(run: (context: BrowserContext) => Promise<void>): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'gauntlet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1280, height: 900 } });
  try {
    await run(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function writeReport(dir: string, task: Task): string {
  const file = join(dir, `report-${task}.html`);
  writeFileSync(file, renderReport(reportFixture({ task, hostile: true })));
  return file;
}

/** Width and height of every <svg> as laid out. */
function svgSizes(page: Page): Promise<{ width: number; height: number }[]> {
  return page.$$eval('svg', (all) => all.map((s) => ({ width: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height })));
}

async function assertHostileAsText(page: Page): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(text.includes(`region=${HOSTILE.slice}`), 'the hostile slice name is shown as text');
  assert.ok(text.includes(HOSTILE.model) && text.includes(HOSTILE.dataFile), 'hostile model name and lineage path shown as text');
  assert.equal(await page.locator('script, img, iframe, [onload], [onerror]').count(), 0, 'no element was injected');
  const titles = await page.$$eval('svg text.title', (all) => all.map((t) => t.textContent ?? ''));
  assert.ok(titles.includes(HOSTILE.model), 'hostile model name is the text of an SVG chart title');
  assert.ok(await page.locator('svg[aria-label]').evaluateAll((all, name) => all.some((s) => s.getAttribute('aria-label') === name), HOSTILE.model), 'and intact in an SVG attribute');
}

test('the report opens offline in headless Chromium: no errors, no requests, hostile strings inert, charts drawn', { skip: SKIP, timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-report-'));
  const file = writeReport(dir, 'binary');
  await withBrowser(async (context) => {
    const page = await context.newPage();
    const seen = observe(page);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    assert.deepEqual(seen.errors, [], 'no console errors or page errors');
    assert.deepEqual(seen.requests, [pathToFileURL(file).href], 'the only request is the file itself');
    await assertHostileAsText(page);
    const sizes = (await svgSizes(page)).filter((s) => s.width > 0 && s.height > 0);
    assert.ok(sizes.length >= 3, `at least 3 charts render with a size (got ${sizes.length})`);
    assert.deepEqual(seen.dialogs, [], 'no dialog fired');
    const shot = join(dir, 'report-binary.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(existsSync(shot));
    t.diagnostic(`report: ${file}; screenshot: ${shot}`);
  });
});

test('regression and multiclass reports load cleanly too', { skip: SKIP, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-report-'));
  await withBrowser(async (context) => {
    for (const task of ['regression', 'multiclass'] as const) {
      const file = writeReport(dir, task);
      const page = await context.newPage();
      const seen = observe(page);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      assert.deepEqual(seen.errors, [], `${task}: no console errors or page errors`);
      assert.deepEqual(seen.requests, [pathToFileURL(file).href], `${task}: no requests but the file`);
      assert.deepEqual(seen.dialogs, [], `${task}: no dialog`);
      assert.ok((await svgSizes(page)).every((s) => s.width > 0 && s.height > 0), `${task}: every chart has a size`);
      await page.close();
    }
  });
  rmSync(dir, { recursive: true, force: true });
});
