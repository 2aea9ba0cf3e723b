// The inspector's code in the README and docs/inspector.md, as written: each block is built into a page of its own
// with Vite (served under the strict CSP) and opened in Chromium, where the backtick opens the panel it attached.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import viteConfig from '../../vite.config.ts';
import { collectConsoleErrors, describeBrowser, launchChromium, REPO_ROOT } from '../support/browser.ts';
import { DETAILS, listedNames, PANEL, panelBox, ROWS } from '../support/inspector-panel.ts';
import { servePage } from '../support/serve-page.ts';
import { recordCspViolations, STRICT_CSP } from '../support/strict-csp.ts';

const VIEWPORT = { width: 1280, height: 800 };
const PAGE_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>docs</title></head><body><script type="module" src="./main.ts"></script></body></html>';

/** The first ```ts page block under `heading` (a whole line) in the repository's Markdown file `path`. */
async function codeUnder(path: string, heading: string): Promise<string> {
  const markdown = await readFile(join(REPO_ROOT, path), 'utf8');
  const at = markdown.indexOf(`\n${heading}\n`);
  const block = at < 0 ? null : /```ts page\n([\s\S]*?)```/.exec(markdown.slice(at));
  if (!block) throw new Error(`${path} has no ts block under "${heading}"`);
  return block[1]!;
}

describeBrowser('the inspector code of the README and docs/inspector.md, run as written', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Builds `code` as a page's script, opens it, waits for a few frames and opens the panel with the backtick. */
  async function run(code: string, check: (page: Page) => Promise<void>): Promise<void> {
    const root = await mkdtemp(join(tmpdir(), 'loom-docs-page-'));
    await writeFile(join(root, 'index.html'), PAGE_HTML);
    await writeFile(join(root, 'main.ts'), code);
    const served = await servePage(root, { 'Content-Security-Policy': STRICT_CSP }, viteConfig.resolve?.alias);
    try {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const errors = collectConsoleErrors(page);
      await recordCspViolations(page);
      await page.goto(served.url);
      await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))).then(() => true));
      expect(errors).toEqual([]);
      expect(await page.locator(PANEL).isVisible()).toBe(false);
      await page.keyboard.press('Backquote');
      await expect.poll(() => page.locator(PANEL).isVisible()).toBe(true);
      await check(page);
      expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await served.close();
      await rm(root, { recursive: true, force: true });
    }
  }

  it('README: attaches docked right and lists the patrol', async () => {
    await run(await codeUnder('README.md', '## The inspector and debugging'), async (page) => {
      const box = await panelBox(page);
      expect([box.position, box.right]).toEqual(['fixed', VIEWPORT.width]);
      await expect.poll(() => listedNames(page)).toEqual(['patrol']);
    });
  }, 60_000);

  it('docs/inspector.md: attaches docked left and shows what the guard waits on, in its sub-script', async () => {
    await run(await codeUnder('docs/inspector.md', '## Attach it to a page'), async (page) => {
      const box = await panelBox(page);
      expect([box.position, box.left]).toEqual(['fixed', 0]);
      await expect.poll(async () => (await listedNames(page)).sort()).toEqual(['guard', 'lamplighter']);
      await page.locator(ROWS).filter({ hasText: 'guard' }).click();
      await expect.poll(() => page.locator(`${DETAILS} .loom-wait`).textContent()).toBe('signal door.opened');
      expect(await page.locator(`${DETAILS} .loom-stack li .loom-frame-name`).allTextContents()).toEqual(['stand', 'guard']);
    });
  }, 60_000);
});
