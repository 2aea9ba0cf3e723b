// The game under the strict Content-Security-Policy of docs/csp.md: both pages start and draw, and nothing is refused.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  collectConsoleErrors,
  countPixelsNear,
  describeBrowser,
  readCanvasPixels,
  useServedProject,
} from '../support/browser.ts';
import { recordCspViolations, STRICT_CSP } from '../support/strict-csp.ts';

/** The arena's floor colour (index.html's background): a canvas that draws shows other colours on it. */
const FLOOR: [number, number, number] = [0x05, 0x07, 0x0d];
/** The critter sprite's key colour (assets/README.md): each live thread of the stress page draws one. */
const CRITTER_VIOLET: [number, number, number] = [0xa9, 0x8b, 0xff];
const VIEWPORT = { width: 1280, height: 720 };

describeBrowser('the game under a strict Content-Security-Policy', () => {
  const project = useServedProject({ 'Content-Security-Policy': STRICT_CSP });

  /** Opens a page of the build, recording its CSP violations and console errors. */
  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await project.browser.newPage({ viewport: VIEWPORT });
    const errors = collectConsoleErrors(page);
    await recordCspViolations(page);
    await page.goto(`${project.url}${path}`);
    return { page, errors };
  }

  /** Waits for `ready` to hold in the page; if it never does, fails with what the page refused and logged. */
  async function waitUntil(page: Page, errors: string[], ready: () => boolean): Promise<void> {
    try {
      await page.waitForFunction(ready, null, { timeout: 30_000 });
    } catch (error) {
      const violations = await page.evaluate(() => window.cspViolations);
      throw new Error(`the page did not start: ${JSON.stringify({ violations, errors }, null, 2)}`, { cause: error });
    }
  }

  it('serves the policy with the pages', async () => {
    const response = await fetch(project.url);
    expect(response.headers.get('content-security-policy')).toBe(STRICT_CSP);
  });

  it('starts the game (index.html), draws the arena, and offers a save as a download', async () => {
    const { page, errors } = await open('?seed=7');
    await waitUntil(page, errors, () => document.body.dataset.ready === 'true' && (window.loom?.engine.tick ?? 0) >= 30);
    const canvas = await readCanvasPixels(page, 'canvas');
    const drawn = canvas.width * canvas.height - countPixelsNear(canvas, FLOOR, 6);
    expect(drawn).toBeGreaterThan(2000);
    // A save is offered as a download from a blob: link, which no directive governs.
    await page.keyboard.press('KeyK');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.loom-saves a.download')]);
    expect(download.suggestedFilename()).toMatch(/^loom-7-\d+\.loomrec$/);
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('starts the stress page (stress.html) and draws a sprite per thread', async () => {
    const { page, errors } = await open('stress.html?threads=10000&workload=frame&render=1');
    await waitUntil(page, errors, () => (window.loomStress?.stats().frames ?? 0) >= 10);
    const canvas = await readCanvasPixels(page, '#stage canvas');
    expect(countPixelsNear(canvas, CRITTER_VIOLET, 24)).toBeGreaterThan(1000);
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
