// The inspector's layout at 1280x800, docked left and right: the selected thread's details get their share of the
// panel in the game (whose panel ends in the "rewind" bar), and each page says what selects a thread on it.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { collectConsoleErrors, describeBrowser, saveArtifact, useServedProject } from '../support/browser.ts';
import { DETAILS, hiddenDetailRows, PANEL, ROWS } from '../support/inspector-panel.ts';

const VIEWPORT = { width: 1280, height: 800 };
const SIDES = ['left', 'right'] as const;
/** Software WebGL on two shared cores can be slow: a test may take this long. */
const SLOW = 120_000;

describeBrowser('the inspector laid out at 1280x800, docked left and right', () => {
  const project = useServedProject();

  /** Opens `path` docked on `side` (remembered in localStorage, as the dock buttons do) with the panel open. */
  async function openDocked(path: string, side: (typeof SIDES)[number], ready: () => boolean): Promise<{ page: Page; errors: string[] }> {
    const page = await project.browser.newPage({ viewport: VIEWPORT });
    const errors = collectConsoleErrors(page);
    await page.addInitScript((layout) => localStorage.setItem('loom.inspector.layout', layout), JSON.stringify({ side, width: 480 }));
    await page.goto(`${project.url}${path}`);
    await page.waitForFunction(ready, null, { timeout: 60_000 });
    await page.keyboard.press('Backquote');
    await expect.poll(() => page.locator(PANEL).isVisible()).toBe(true);
    const box = (await page.locator(PANEL).boundingBox())!;
    expect(side === 'left' ? box.x : box.x + box.width).toBe(side === 'left' ? 0 : VIEWPORT.width);
    return { page, errors };
  }

  for (const side of SIDES) {
    it(`in the game docked ${side}: says a click on an entity picks its threads, and shows a selected thread's details without scrolling`, async () => {
      const { page, errors } = await openDocked('?seed=7', side, () => document.body.dataset.ready === 'true' && (window.loom?.engine.tick ?? 0) >= 30);
      await page.keyboard.press('KeyP');
      await expect.poll(() => page.evaluate(() => window.loom!.engine.paused)).toBe(true);
      expect(await page.locator(`${DETAILS} .loom-hint`).textContent()).toBe('Select a thread in the list or the top list, or click an entity in the game.');
      await expect(page.locator('.loom-timeline [data-action="rewind"]').isVisible()).resolves.toBe(true);
      // The list of every thread (a hundred and more) beside the game's root thread, whose details have every row.
      await page.locator(ROWS).first().click();
      await expect.poll(() => page.locator(`${DETAILS} .loom-details-label`).textContent()).toBe('#1 game');
      expect(await hiddenDetailRows(page)).toEqual([]);
      // The top-threads list above it grows with what was measured by then (none, or up to five threads).
      expect(await page.locator(ROWS).count()).toBeGreaterThanOrEqual(5);
      await saveArtifact(`inspector-layout-game-${side}.png`, await page.screenshot());
      expect(errors).toEqual([]);
      await page.close();
    }, SLOW);

    it(`on the stress page docked ${side}: says how to select a thread there, without the game's hint`, async () => {
      const { page, errors } = await openDocked('stress.html?threads=2000&workload=mixed&render=0', side, () => (window.loomStress?.stats().frames ?? 0) >= 10);
      expect(await page.locator(`${DETAILS} .loom-hint`).textContent()).toBe('Select a thread in the list or the top list.');
      expect(errors).toEqual([]);
      await page.close();
    }, SLOW);
  }
});
