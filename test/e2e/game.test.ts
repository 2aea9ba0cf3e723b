import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { RgbaImage } from '../support/png.ts';
import { describeBrowser, openReady, readCanvasPixels, saveArtifact, useServedProject, waitForTick, type ReadyPage } from '../support/browser.ts';

type Rgb = readonly [number, number, number];

const PLAYER_KEY: Rgb = [0x27, 0xe0, 0xd0];
const VIEWPORT = { width: 1280, height: 720 };
/** Software WebGL on a shared machine can be slow: a test may take this long. */
const SLOW = 60_000;

describeBrowser('the game (index.html)', () => {
  const project = useServedProject();

  /** Opens the built game with a query, waits until it runs; returns the page and its error log. */
  async function openGame(query: string): Promise<ReadyPage> {
    const ready = await openReady(await project.browser.newPage({ viewport: VIEWPORT }), `${project.url}${query}`);
    await waitForTick(ready.page, 20);
    return ready;
  }

  /** Steers the ship from the page, as a simple pilot: circles, aims at the nearest enemy, holds the trigger. */
  async function pilot(page: Page, seconds: number): Promise<void> {
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await page.evaluate(() => {
        const { world } = window.loom!;
        const me = world.player;
        if (!me?.alive) return;
        let nearest = Infinity;
        for (const e of world.entities) {
          const d = Math.hypot(e.x - me.x, e.y - me.y);
          if (e !== me && e.alive && d < nearest) {
            nearest = d;
            world.input.aimX = e.x;
            world.input.aimY = e.y;
          }
        }
        const heading = world.time * 0.8;
        world.input.right = Math.cos(heading) > 0.3;
        world.input.left = Math.cos(heading) < -0.3;
        world.input.down = Math.sin(heading) > 0.3;
        world.input.up = Math.sin(heading) < -0.3;
        world.input.firing = true;
      });
      await page.waitForTimeout(100);
    }
  }

  it('loads with no console errors and draws the player ship where the player is', async () => {
    const { page, errors } = await openGame('?seed=7');
    expect(await page.title()).toMatch(/Loom/);
    // Paused, a fresh run stepped by hand: past the ship's spawn-in flash (which brightens it), before any enemy.
    await page.keyboard.press('KeyP');
    const at = await page.evaluate(async () => {
      const { engine, world, view } = window.loom!;
      world.requestRestart();
      for (let i = 0; i < 2000 && world.runs < 2; i++) engine.step();
      for (let i = 0; i < 60; i++) engine.step();
      await new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
      return { hostiles: world.hostileCount, ...view.camera.toScreen(world.player!.x, world.player!.y) };
    });
    expect(at.hostiles).toBe(0);
    const canvas = await readCanvasPixels(page, 'canvas');
    expect([canvas.width, canvas.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    expect(countNear(canvas, PLAYER_KEY, 14, at.x - 40, at.y - 40, 80, 80)).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('moves the player while a movement key is held, and stops when it is let go', async () => {
    const { page, errors } = await openGame('?seed=7');
    // Untouchable, so that no enemy knocks the ship about while it is measured.
    const start = await page.evaluate(() => {
      const me = window.loom!.world.player!;
      me.invulnerable = true;
      return { x: me.x, y: me.y };
    });
    await page.keyboard.down('KeyD');
    await expect.poll(() => page.evaluate(() => window.loom!.world.player!.x), { timeout: 20_000 }).toBeGreaterThan(start.x + 80);
    await page.keyboard.up('KeyD');
    const tick = await page.evaluate(() => window.loom!.engine.tick);
    await page.waitForFunction((t) => window.loom!.engine.tick > t + 10, tick);
    const stopped = await page.evaluate(() => window.loom!.world.player!.x);
    await page.waitForFunction((t) => window.loom!.engine.tick > t + 30, tick);
    expect(await page.evaluate(() => window.loom!.world.player!.x)).toBe(stopped);
    expect(await page.evaluate(() => window.loom!.world.player!.y)).toBe(start.y);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('announces a wave, spawns it, and its enemies move on their own', async () => {
    const { page, errors } = await openGame('?seed=7');
    // Paused, a restart stepped by hand gives a fresh run to watch from its first tick, however slow the page.
    await page.keyboard.press('KeyP');
    const fresh = await page.evaluate(() => {
      const { engine, world } = window.loom!;
      world.requestRestart();
      for (let i = 0; i < 2000 && world.runs < 2; i++) engine.step();
      return { runs: world.runs, banner: world.banner?.text, hostiles: world.hostileCount };
    });
    expect(fresh).toEqual({ runs: 2, banner: 'WAVE 1', hostiles: 0 });
    await page.keyboard.press('KeyP');
    await page.waitForFunction(() => window.loom!.world.hostileCount > 0 && window.loom!.world.banner === null, null, { timeout: 30_000 });
    const grunts = (): Promise<Record<number, [number, number]>> => page.evaluate(() =>
      Object.fromEntries(window.loom!.world.entities.filter((e) => e.kind === 'grunt').map((e) => [e.id, [e.x, e.y]])));
    const before = await grunts();
    expect(Object.keys(before).length).toBeGreaterThan(0);
    await expect.poll(async () => {
      const now = await grunts();
      return Object.entries(before).filter(([id, [x, y]]) => now[Number(id)] && Math.hypot(now[Number(id)]![0] - x, now[Number(id)]![1] - y) > 10).length;
    }, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('pauses with P, and a restart brings the live thread count back to its idle value', async () => {
    const { page, errors } = await openGame('?seed=7');
    await page.waitForFunction(() => window.loom!.world.hostileCount > 20, null, { timeout: 30_000 });
    await page.keyboard.press('KeyP');
    const frozen = await page.evaluate(() => window.loom!.engine.tick);
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => window.loom!.engine.tick)).toBe(frozen);

    // Paused, the engine is stepped by hand so every tick of the teardown can be watched.
    const teardown = await page.evaluate(() => {
      const { engine, world } = window.loom!;
      const busy = engine.threadCount;
      world.requestRestart();
      const counts: number[] = [];
      for (let i = 0; i < 600 && world.runs < 2; i++) {
        engine.step();
        counts.push(engine.threadCount);
      }
      return { busy, counts, idle: world.idleThreads, runs: world.runs };
    });
    expect(teardown.busy).toBeGreaterThan(20);
    expect(teardown.runs).toBe(2);
    expect(teardown.counts.at(-2)).toBe(teardown.idle);
    expect(teardown.idle).toBe(1);

    await page.keyboard.press('KeyP');
    await expect.poll(() => page.evaluate(() => window.loom!.engine.tick), { timeout: 20_000 }).toBeGreaterThan(frozen + 30);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('shows the score on game over, and its button starts a new game', async () => {
    const { page, errors } = await openGame('?seed=7');
    await pilot(page, 2);
    await page.evaluate(() => window.loom!.world.kill(window.loom!.world.player!, false));
    await page.waitForFunction(() => window.loom!.world.gameOver, null, { timeout: 30_000 });
    await page.waitForTimeout(300);
    await saveArtifact('game-over.png', await page.screenshot());
    const button = await page.evaluate(() => {
      const bounds = window.loom!.view.gameOver.button.getBounds();
      return { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 };
    });
    await page.mouse.click(button.x, button.y);
    await page.waitForFunction(() => window.loom!.world.runs === 2 && !window.loom!.world.gameOver, null, { timeout: 30_000 });
    expect(await page.evaluate(() => window.loom!.world.score)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('looks like a game: a screenshot of a wave in full swing (test-results/game.png)', async () => {
    const { page, errors } = await openGame('?seed=7&wave=2');
    await pilot(page, 5);
    await saveArtifact('game.png', await page.screenshot());
    expect(await page.evaluate(() => window.loom!.world.hostileCount)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('looks like a game: a screenshot of the boss (test-results/game-boss.png)', async () => {
    const { page, errors } = await openGame('?seed=7&wave=3');
    await pilot(page, 5);
    await saveArtifact('game-boss.png', await page.screenshot());
    expect(await page.evaluate(() => window.loom!.world.entities.some((e) => e.kind === 'boss'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);
});

/** Pixels within `tolerance` of `rgb` in a rectangle of the image. */
function countNear(image: RgbaImage, rgb: Rgb, tolerance: number, left: number, top: number, width: number, height: number): number {
  let count = 0;
  for (let y = Math.max(0, Math.floor(top)); y < Math.min(image.height, top + height); y++) {
    for (let x = Math.max(0, Math.floor(left)); x < Math.min(image.width, left + width); x++) {
      const i = (y * image.width + x) * 4;
      const near = [0, 1, 2].every((c) => Math.abs((image.data[i + c] ?? 0) - rgb[c]!) <= tolerance);
      if (near) count++;
    }
  }
  return count;
}
