import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { collectConsoleErrors, describeBrowser, saveArtifact, useServedProject } from '../support/browser.ts';

const PANEL = '.loom-inspector';
const ROWS = '.loom-list-layer .loom-row:visible';

describeBrowser('thread inspector on the stress page', () => {
  const project = useServedProject();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    page = await project.browser.newPage({ viewport: { width: 1280, height: 800 } });
    errors = collectConsoleErrors(page);
    // The mixed workload: critters walk in a sub-script and join short-lived children, so threads have families.
    await page.goto(`${project.url}stress.html?threads=20000&workload=mixed&render=0`);
    await page.waitForFunction(() => (window.loomStress?.stats().frames ?? 0) >= 10, null, { timeout: 30_000 });
  });

  /** The id of a row's thread, from its `#id` cell. */
  const rowId = async (index: number): Promise<number> =>
    Number((await page.locator(ROWS).nth(index).locator('.loom-col-id').textContent())!.slice(1));

  it('opens and closes with the backtick, with the engine accounting on only while open', async () => {
    expect(await page.locator(PANEL).isVisible()).toBe(false);
    await page.keyboard.press('Backquote');
    await expect.poll(() => page.locator(PANEL).isVisible()).toBe(true);
    expect(await page.evaluate(() => window.loomStress!.engine.accounting.enabled)).toBe(true);
    await page.keyboard.press('Backquote');
    await expect.poll(() => page.locator(PANEL).isVisible()).toBe(false);
    expect(await page.evaluate(() => window.loomStress!.engine.accounting.enabled)).toBe(false);
    await page.keyboard.press('Backquote');
    await expect.poll(() => page.locator(PANEL).isVisible()).toBe(true);
  });

  it('counts the threads per state, ranks the busiest threads, and lists every thread', async () => {
    const chips = page.locator('.loom-states .loom-chip');
    await expect.poll(async () => (await chips.allTextContents()).join(' ')).toMatch(/ready [\d,]+ running 0 waiting [\d,]+/);
    const counted = (await chips.allTextContents()).slice(0, 3).map((text) => Number(text.replace(/\D/g, '')));
    expect(counted.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(20_000);
    await expect.poll(() => page.locator('.loom-top li[data-index]').count()).toBeGreaterThan(0);
    expect(await page.locator(ROWS).count()).toBeGreaterThan(10);
    expect(await page.locator('.loom-status').textContent()).toMatch(/^[\d,]+ live threads$/);
    expect(await rowId(0)).toBeGreaterThan(0);
  });

  it('filters the list as a search is typed', async () => {
    await page.evaluate(() => window.loomStress!.setPaused(true)); // freeze the threads so rows stay put
    await page.locator('.loom-search').fill('#5');
    await expect.poll(() => page.locator('.loom-status').textContent()).toMatch(/^1 match of [\d,]+$/);
    expect(await page.locator(ROWS).count()).toBe(1);
    expect(await rowId(0)).toBe(5);
    await page.locator('.loom-search').fill('join');
    await expect.poll(() => page.locator('.loom-status').textContent()).toMatch(/^[\d,]+ matches of [\d,]+$/);
    const waits = await page.locator(`${ROWS} .loom-col-waiting-on`).allTextContents();
    expect(waits.length).toBeGreaterThan(0);
    for (const wait of waits) expect(wait).toMatch(/^join #\d+ /);
  });

  it('shows the selected thread with its stack of sub-scripts, its children, and its parent', async () => {
    const id = await rowId(0);
    await page.locator(ROWS).first().click();
    const expected = await page.evaluate((wanted) => {
      const thread = window.loomStress!.engine.threads().find((t) => t.id === wanted)!;
      return { label: thread.label, frames: thread.frames, children: thread.children.map((c) => c.label) };
    }, id);
    const details = page.locator('.loom-details');
    await expect.poll(() => details.locator('.loom-details-label').textContent()).toBe(expected.label);
    expect(expected.children.length).toBeGreaterThan(0); // it waits to join its child
    expect(await details.locator('.loom-field').nth(3).locator('.loom-link').allTextContents()).toEqual(expected.children);
    expect(await details.locator('.loom-stack li .loom-frame-name').allTextContents()).toEqual([...expected.frames].reverse());
    await saveArtifact('inspector.png', await page.screenshot());

    await details.locator('.loom-field').nth(3).locator('.loom-link').first().click();
    await expect.poll(() => details.locator('.loom-details-label').textContent()).toBe(expected.children[0]);
    expect(await details.locator('.loom-field').nth(2).locator('.loom-link').textContent()).toBe(expected.label);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
