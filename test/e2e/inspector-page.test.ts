// The inspector on a page that is not the game: test/fixtures/inspector-page, an engine and three scripts, no pixi,
// built with Vite from the package's source and served under the strict CSP of docs/csp.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import viteConfig from '../../vite.config.ts';
import { collectConsoleErrors, describeBrowser, launchChromium, REPO_ROOT, saveArtifact } from '../support/browser.ts';
import { DETAILS, hiddenDetailRows, listedNames, PANEL, panelBox, ROWS } from '../support/inspector-panel.ts';
import { servePage, type ServedPage } from '../support/serve-page.ts';
import { recordCspViolations, STRICT_CSP } from '../support/strict-csp.ts';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/inspector-page');
const VIEWPORT = { width: 1280, height: 800 };
/** The line of main.ts where the courier waits, as the inspector should show it (source-mapped from the build). */
const WAIT_LINE = readFileSync(join(FIXTURE, 'main.ts'), 'utf8').split('\n').findIndex((line) => line.includes('wait(parcel)')) + 1;

describeBrowser('the inspector attached to a plain page (no game, no pixi)', () => {
  let served: ServedPage;
  let browser: Browser;

  beforeAll(async () => {
    served = await servePage(FIXTURE, { 'Content-Security-Policy': STRICT_CSP }, viteConfig.resolve?.alias);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  for (const side of ['left', 'right'] as const) {
    it(`docked ${side} at 1280x800: lists the threads, shows the selected one's wait and stack, logs no error`, async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const errors = collectConsoleErrors(page);
      await recordCspViolations(page);
      await page.goto(`${served.url}?dock=${side}`);
      await page.waitForFunction(() => (window.inspectorPage?.engine.tick ?? 0) >= 10);

      const box = await panelBox(page);
      expect(box.position).toBe('fixed');
      expect(side === 'left' ? box.left : box.right).toBe(side === 'left' ? 0 : VIEWPORT.width);
      expect([box.top, box.bottom]).toEqual([0, VIEWPORT.height]);
      // The page lays its view out beside the panel with the variables the panel sets.
      const view = await page.locator('#view').boundingBox();
      if (side === 'left') expect(view!.x).toBe(box.right);
      else expect(view!.x + view!.width).toBe(box.left);

      const threads = await page.evaluate(() => window.inspectorPage!.engine.threads().map((thread) => thread.name).sort());
      expect(threads).toEqual(['courier', 'foreman', 'lamplighter', 'worker']);
      await expect.poll(() => page.locator('.loom-status').textContent()).toBe('4 live threads');
      expect((await listedNames(page)).sort()).toEqual(threads);

      await page.locator(ROWS).filter({ hasText: 'courier' }).click();
      const courier = await page.evaluate(() => {
        const thread = window.inspectorPage!.courier;
        return { label: thread.label, waitingOn: thread.waitingOn, frames: [...thread.frames].reverse() };
      });
      expect(courier.waitingOn).toBe('signal parcel.arrived');
      const details = page.locator(DETAILS);
      await expect.poll(() => details.locator('.loom-details-label').textContent()).toBe(courier.label);
      await expect.poll(() => details.locator('.loom-wait').textContent()).toBe(`signal parcel.arrived at main.ts:${WAIT_LINE}`);
      expect(await details.locator('.loom-stack li .loom-frame-name').allTextContents()).toEqual(['deliver', 'courier']);
      expect(courier.frames).toEqual(['deliver', 'courier']);
      expect(await hiddenDetailRows(page)).toEqual([]);
      await saveArtifact(`inspector-page-${side}.png`, await page.screenshot());

      expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.locator(PANEL).count()).toBe(1);
      await page.close();
    }, 60_000);
  }
});
