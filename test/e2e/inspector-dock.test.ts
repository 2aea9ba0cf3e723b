import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeBrowser, openReady, saveArtifact, useServedProject } from '../support/browser.ts';

const PANEL = '.loom-inspector';
const VIEWPORT = { width: 1280, height: 800 };
const SLOW = 120_000;

/** Client rectangles of the panel, the canvas, the arena as drawn, and the player. */
interface Boxes {
  panel: { left: number; right: number; width: number } | null;
  canvas: { left: number; right: number };
  arena: { left: number; right: number };
  player: { x: number; y: number } | null;
}

describeBrowser('the inspector docked beside the game (index.html at 1280 px)', () => {
  const project = useServedProject();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openReady(await project.browser.newPage({ viewport: VIEWPORT }), `${project.url}?seed=7`));
  });

  const boxes = (): Promise<Boxes> =>
    page.evaluate(() => {
      const loom = window.loom!;
      const panel = document.querySelector<HTMLElement>('.loom-inspector')!;
      const box = panel.hidden ? null : panel.getBoundingClientRect();
      const canvas = loom.canvas.getBoundingClientRect();
      const topLeft = loom.worldToClient(0, 0);
      const bottomRight = loom.worldToClient(loom.world.arena.width, loom.world.arena.height);
      const player = loom.world.player;
      return {
        panel: box && { left: box.left, right: box.right, width: box.width },
        canvas: { left: canvas.left, right: canvas.right },
        arena: { left: topLeft.x, right: bottomRight.x },
        player: player ? loom.worldToClient(player.x, player.y) : null,
      };
    });

  /** Waits for the view to have laid itself out again (pixi resizes at the next frame). */
  const settled = async (check: (b: Boxes) => boolean): Promise<Boxes> => {
    await expect.poll(async () => check(await boxes()), { timeout: 10_000 }).toBe(true);
    return boxes();
  };

  it('docks right by default: the view shrinks beside the panel, so neither the arena nor the player is covered', async () => {
    const closed = await boxes();
    expect([closed.canvas.left, closed.canvas.right]).toEqual([0, VIEWPORT.width]);
    await page.keyboard.press('Backquote');
    await expect.poll(() => page.locator(PANEL).isVisible()).toBe(true);
    const open = await settled((b) => b.panel !== null && b.canvas.right <= b.panel.left);
    expect(open.panel!.right).toBe(VIEWPORT.width);
    expect(open.arena.right).toBeLessThanOrEqual(open.panel!.left);
    expect(open.player!.x).toBeGreaterThanOrEqual(open.arena.left);
    expect(open.player!.x).toBeLessThan(open.panel!.left);
    await saveArtifact('inspector-docked-right.png', await page.screenshot());
  }, SLOW);

  it('docks left on request, resizes by its inner edge, and remembers both across a reload', async () => {
    await page.locator('.loom-dock[data-side="left"]').click();
    let docked = await settled((b) => b.panel!.left === 0 && b.canvas.left >= b.panel!.right);
    expect(docked.arena.left).toBeGreaterThanOrEqual(docked.panel!.right);
    const edge = (await page.locator('.loom-resizer').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, 400);
    await page.mouse.down();
    await page.mouse.move(400, 400, { steps: 5 });
    await page.mouse.up();
    docked = await settled((b) => Math.abs(b.panel!.width - 400) <= 4 && b.canvas.left >= b.panel!.right);

    await page.reload();
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    await page.keyboard.press('Backquote');
    const again = await settled((b) => b.panel !== null && b.canvas.left >= b.panel.right);
    expect(again.panel!.left).toBe(0);
    expect(again.panel!.width).toBe(docked.panel!.width);
    expect(again.player!.x).toBeGreaterThan(again.panel!.right);
  }, SLOW);

  it('floats over the whole view when asked, and gives the room back when closed', async () => {
    await page.locator('.loom-dock[data-side="float"]').click();
    const floating = await settled((b) => b.canvas.left === 0 && b.canvas.right === VIEWPORT.width);
    expect(floating.panel).not.toBeNull();
    await page.locator('.loom-dock[data-side="right"]').click();
    await settled((b) => b.canvas.right <= b.panel!.left);
    await page.keyboard.press('Backquote');
    await settled((b) => b.panel === null && b.canvas.right === VIEWPORT.width);
  }, SLOW);

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
