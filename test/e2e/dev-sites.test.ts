import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, openReady, serveDevelopment, type DevHandle } from '../support/browser.ts';
import { breakOnDrillFailure, drillAncestry } from '../support/drill.ts';

/** Software WebGL on two shared cores can be slow: a test may take this long. */
const SLOW = 120_000;

// `npm start`: the Vite plugin (loom-threads/vite) writes the scripts' call sites into them as they are served.
describeBrowser('call sites under the Vite dev server (npm start)', () => {
  let server: DevHandle | undefined;
  let browser: Browser | undefined;
  let page: Page;
  beforeAll(async () => {
    server = await serveDevelopment();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the drill's failure in TypeScript lines, each told by the plugin rather than captured", { timeout: SLOW }, async () => {
    let errors: string[];
    ({ page, errors } = await openReady(await browser!.newPage({ viewport: { width: 1600, height: 900 } }), `${server!.url}?seed=7`));
    await breakOnDrillFailure(page);
    const spawned = await page.locator('.loom-field', { hasText: 'spawned' }).locator('.loom-dim').textContent();
    expect(spawned).toMatch(drillAncestry());
    // The game runs with 'waits' under `vite`: every waiting thread waits at a site the plugin told, a branch of a
    // race or all at its group's.
    const sites = await page.evaluate(() => window.loom!.engine.threads().flatMap((thread) => thread.waitingAt ?? []));
    expect(sites.length).toBeGreaterThan(10);
    expect(sites.filter((at) => at.original !== true || !at.file.startsWith(`${server!.url}game/`))).toEqual([]);
    expect(errors.filter((error) => !error.includes('the drill tripped'))).toEqual([]);
    await page.close();
  });
});
