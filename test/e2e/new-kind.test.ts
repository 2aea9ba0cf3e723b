import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { countPixelsNear, describeBrowser, openReady, readCanvasPixels, useServedProject, waitForTick } from '../support/browser.ts';
import type { RgbaImage } from '../support/png.ts';

/** The mine's key colour (assets/mine.svg), which no other sprite uses. */
const MINE_KEY = [0x4a, 0xa8, 0xff] as const;
/** The mine's art, handed to the page as a data URL: the built game does not ship it (only tests and docs use it). */
const mineArt = `data:image/svg+xml;base64,${readFileSync(new URL('../../assets/mine.svg', import.meta.url)).toString('base64')}`;
const VIEWPORT = { width: 1280, height: 720 };
/** Software WebGL on a shared machine can be slow. */
const SLOW = 120_000;

describeBrowser('a kind added to the running game (docs/add-an-entity.md)', () => {
  const project = useServedProject();

  it('comes in the next wave and is drawn from its art where it is', async () => {
    const { page, errors } = await openReady(await project.browser.newPage({ viewport: VIEWPORT }), `${project.url}?seed=7`);
    await waitForTick(page, 20);
    await page.keyboard.press('KeyP'); // paused: the test steps the engine by hand

    // A script cannot cross into the page, so this mine borrows the grunt's; its art is assets/mine.svg.
    await page.evaluate(async (art) => {
      const loom = window.loom!;
      const grunt = loom.world.kinds.get('grunt');
      await loom.addKind({
        name: 'mine',
        behaviour: grunt.behaviour,
        stats: { ...grunt.stats, colour: 0x4aa8ff },
        death: grunt.death,
        art: { frames: { body: art }, layer: 'units' },
        wave: { count: () => 2, place: { margin: 90 }, label: 'MINE' },
      });
    }, mineArt);

    // A fresh run: its first wave is announced with the mines, spawns them, and a second later they are drawn.
    const state = await page.evaluate(async () => {
      const { engine, world, view } = window.loom!;
      world.requestRestart();
      for (let i = 0; i < 2000 && world.runs < 2; i++) engine.step();
      const banner = world.banner?.detail;
      for (let i = 0; i < 2000 && world.hostileCount === 0; i++) engine.step();
      for (let i = 0; i < 60; i++) engine.step();
      await new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
      const mines = world.entities.filter((e) => e.kind === 'mine').map((e) => view.camera.toScreen(e.x, e.y));
      return { banner, mines, scale: view.camera.scale };
    });
    const canvas = await readCanvasPixels(page, 'canvas');

    expect(state.banner).toBe('3 GRUNTS · 1 SCOUT · 100 CRITTERS · 2 MINES');
    expect(state.mines.length).toBe(2);
    // The flat blue of its shell (a disc of radius 11 inside the outline) shows at each mine, and nowhere else.
    const shell = Math.PI * 11 ** 2 * state.scale ** 2;
    const atMines = state.mines.map((at) => countNear(canvas, MINE_KEY, 12, at.x - 30, at.y - 30, 60, 60));
    for (const count of atMines) expect(count).toBeGreaterThan(shell * 0.6);
    expect(countPixelsNear(canvas, MINE_KEY, 12)).toBe(atMines[0]! + atMines[1]!);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);
});

/** Pixels within `tolerance` of `rgb` in a rectangle of the image. */
function countNear(image: RgbaImage, rgb: readonly [number, number, number], tolerance: number, left: number, top: number, width: number, height: number): number {
  let count = 0;
  for (let y = Math.max(0, Math.floor(top)); y < Math.min(image.height, top + height); y++) {
    for (let x = Math.max(0, Math.floor(left)); x < Math.min(image.width, left + width); x++) {
      const i = (y * image.width + x) * 4;
      if ([0, 1, 2].every((c) => Math.abs((image.data[i + c] ?? 0) - rgb[c]!) <= tolerance)) count++;
    }
  }
  return count;
}
