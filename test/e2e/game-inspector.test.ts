import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeBrowser, openReady, saveArtifact, useServedProject } from '../support/browser.ts';

const PANEL = '.loom-inspector';
const ROWS = '.loom-list-layer .loom-row:visible';
/** Wide enough that most of the arena stays in sight beside the overlay (760 px on the right). */
const VIEWPORT = { width: 1600, height: 900 };
/** Software WebGL on two shared cores can be slow: a test may take this long. */
const SLOW = 120_000;

/** An enemy to click: where it is on the page, and what the game says is there. */
interface Target {
  kind: string;
  x: number;
  y: number;
  /** The entity's own thread. */
  thread: string;
  /** `window.loom.threadsAt(x, y)`, as labels. */
  threads: string[];
}

describeBrowser('the thread inspector in the game (index.html)', () => {
  const project = useServedProject();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openReady(await project.browser.newPage({ viewport: VIEWPORT }), `${project.url}?seed=7&wave=2`));
  });

  /**
   * An enemy left of `right` (client px) whose centre picks it (no other entity's centre is nearer), a grunt if
   * there is one. Null if none.
   */
  const findEnemy = (right: number): Promise<Target | null> =>
    page.evaluate((limit) => {
      const loom = window.loom!;
      const enemies = loom.world.entities.filter((entity) => entity.kind !== 'player' && entity.alive && entity.thread);
      enemies.sort((a, b) => Number(b.kind === 'grunt') - Number(a.kind === 'grunt'));
      for (const entity of enemies) {
        const at = loom.worldToClient(entity.x, entity.y);
        if (at.x > limit || at.y < 120) continue;
        const threads = loom.threadsAt(at.x, at.y);
        if (threads[0] !== entity.thread) continue;
        return { kind: entity.kind, x: at.x, y: at.y, thread: entity.thread!.label, threads: threads.map((thread) => thread.label) };
      }
      return null;
    }, right);

  it('pauses with P, opens with the backtick, and ranks the threads by script time over the last second', async () => {
    // A wave in the part of the arena the overlay leaves in sight.
    await expect.poll(() => findEnemy(VIEWPORT.width - 900), { timeout: 90_000, interval: 250 }).not.toBeNull();
    await page.keyboard.press('KeyP');
    await expect.poll(() => page.evaluate(() => window.loom!.engine.paused)).toBe(true);
    await page.keyboard.press('Backquote');
    await expect.poll(() => page.locator(PANEL).isVisible()).toBe(true);

    // Still paused: two seconds of ticks stepped by hand in one go, as if one frame ran them all. Every tick of the
    // second second counts: the page sums each thread's time over them, as the inspector must.
    const expected = await page.evaluate(() => {
      const { engine } = window.loom!;
      const sums = new Map<string, number>();
      for (let tick = 0; tick < 120; tick++) {
        engine.step();
        if (tick < 60) continue;
        for (const thread of engine.accounting.timed) {
          if (thread.alive) sums.set(thread.label, (sums.get(thread.label) ?? 0) + engine.accounting.threadMs(thread));
        }
      }
      return Object.fromEntries(sums);
    });
    await expect.poll(() => page.locator('.loom-summary .loom-section-title').textContent())
      .toBe('top threads · script time over the last second, ms');
    const rows = page.locator('.loom-top li[data-index]:visible');
    await expect.poll(() => rows.count()).toBe(Math.min(8, Object.keys(expected).length));
    const shown = await rows.evaluateAll((items) =>
      items.map((item) => ({ label: item.querySelector('.loom-top-label')!.textContent!, ms: Number(item.querySelector('.loom-top-ms')!.textContent) })));
    const best = Object.values(expected).sort((a, b) => b - a).slice(0, shown.length);
    shown.forEach((row, index) => {
      // Shown with two decimals.
      expect(Math.abs(row.ms - expected[row.label]!)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(row.ms - best[index]!)).toBeLessThanOrEqual(0.0051);
    });
    expect(shown[0]!.ms).toBeGreaterThan(0);
  }, SLOW);

  it('selects the threads of an enemy clicked on the canvas, and the press does not fire the gun', async () => {
    const panelLeft = (await page.locator(PANEL).boundingBox())!.x;
    const target = (await findEnemy(panelLeft - 60))!;
    expect(target).not.toBeNull();
    expect(target.threads[0]).toBe(target.thread);

    await page.mouse.move(target.x, target.y);
    await page.mouse.down();
    expect(await page.evaluate(() => window.loom!.world.input.firing)).toBe(false); // the press was the inspector's
    await page.mouse.up();

    const details = page.locator('.loom-details');
    await expect.poll(() => details.locator('.loom-details-label').textContent()).toBe(target.thread);
    expect(await page.locator('.loom-status').textContent()).toBe(`${target.threads.length} picked threads`);
    const rowLabels = await page.locator(ROWS).evaluateAll((rows) =>
      rows.map((row) => `${row.querySelector('.loom-col-id')!.textContent} ${row.querySelector('.loom-col-name')!.textContent}`));
    expect(rowLabels.length).toBeGreaterThan(0);
    expect(rowLabels).toEqual(target.threads.slice(0, rowLabels.length));
    await page.waitForTimeout(300); // a refresh of the panel, and a frame with the reticle on the enemy
    await saveArtifact('game-inspector.png', await page.screenshot());
  }, SLOW);

  it('lets a press where there is no entity through to the game: the trigger is held', async () => {
    const empty = await page.evaluate(() => {
      const loom = window.loom!;
      for (let x = 120; x < 700; x += 20) {
        for (let y = 200; y < 800; y += 20) if (loom.threadsAt(x, y).length === 0) return { x, y };
      }
      return null;
    });
    expect(empty).not.toBeNull();
    await page.mouse.move(empty!.x, empty!.y);
    await page.mouse.down();
    expect(await page.evaluate(() => window.loom!.world.input.firing)).toBe(true);
    await page.mouse.up();
    expect(await page.evaluate(() => window.loom!.world.input.firing)).toBe(false);
    expect(await page.locator('.loom-status').textContent()).toMatch(/picked threads$/); // pick kept
  }, SLOW);

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
