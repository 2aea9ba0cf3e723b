// Co-op in Chromium: the test starts the game's server (server/start-server.ts, as `npm run server` does) on a free
// loopback port, opens two pages of the built game with ?server= and 100 ms of added latency, joins both to one room,
// steers each ship, and reads back from each page's pixels that it draws the other player's ship.
import { matchMaker } from '@colyseus/core';
import type { LoomRoom } from 'loom-threads/colyseus';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RgbaImage } from '../support/png.ts';
import type { GameSimulation } from '../../game/headless/simulation.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { collectConsoleErrors, describeBrowser, readCanvasPixels, saveArtifact, useServedProject } from '../support/browser.ts';

const PLAYER_KEY = [0x27, 0xe0, 0xd0] as const;
// Small: two pages draw with software WebGL on a shared machine.
const VIEWPORT = { width: 800, height: 500 };
const SLOW = 150_000;

/** Pixels within `tolerance` of `rgb` in the square of side `2 * half` around (x, y). */
function countNear(image: RgbaImage, rgb: readonly [number, number, number], tolerance: number, x: number, y: number, half: number): number {
  let count = 0;
  for (let py = Math.max(0, Math.round(y - half)); py < Math.min(image.height, Math.round(y + half)); py++) {
    for (let px = Math.max(0, Math.round(x - half)); px < Math.min(image.width, Math.round(x + half)); px++) {
      const i = (py * image.width + px) * 4;
      if (rgb.every((c, k) => Math.abs((image.data[i + k] ?? 0) - c) <= tolerance)) count++;
    }
  }
  return count;
}

describeBrowser('co-op in the browser (?server=)', () => {
  const project = useServedProject();
  let server: RunningServer;
  let url = '';
  let shielding: ReturnType<typeof setInterval>;

  beforeAll(async () => {
    server = await startServer({ port: 0, swarm: 0 });
    url = `ws://${server.host}:${server.port}`;
    // The test's ships take no damage, from the moment they appear: the waves would otherwise end the run while two
    // pages load and draw with software WebGL.
    shielding = setInterval(() => {
      void matchMaker.query({}).then((listed) => {
        for (const { roomId } of listed) {
          const room = matchMaker.getLocalRoomById(roomId) as unknown as LoomRoom<GameSimulation> | undefined;
          for (const ship of room?.session.sim.world.players ?? []) ship.invulnerable = true;
        }
      });
    }, 20);
  });

  afterAll(async () => {
    clearInterval(shielding);
    await server.stop();
  });


  async function joinPage(): Promise<{ page: Page; errors: string[] }> {
    // A context each, as two players' browsers: a second tab of one context would be throttled in the background.
    const page = await (await project.browser.newContext({ viewport: VIEWPORT })).newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${project.url}?server=${encodeURIComponent(url)}&lag=100`);
    await page.getByRole('button', { name: 'Join co-op room' }).click();
    await page.waitForFunction(() => (window.loomCoop?.views ?? 0) >= 5, null, { timeout: 30_000 });
    return { page, errors };
  }

  /** Each page's own ship and the other's, as its mirror of the server's world has them. */
  function ships(page: Page): Promise<{ mine: { x: number; y: number } | null; others: { x: number; y: number; seat: number }[]; seat: number }> {
    return page.evaluate(() => {
      const game = window.loomCoop!;
      const seat = game.link.seat.seat;
      const others = game.world.players.filter((ship) => ship.seat !== seat).map((ship) => ({ x: ship.x, y: ship.y, seat: ship.seat }));
      const me = game.world.player;
      return { mine: me ? { x: me.x, y: me.y } : null, others, seat };
    });
  }

  it('two pages join one room, both steer, and each draws the other ship; no console errors', async () => {
    const a = await joinPage();
    const b = await joinPage();
    await a.page.waitForFunction(() => window.loomCoop!.world.players.length === 2, null, { timeout: 30_000 });
    const startA = await ships(a.page);
    const startB = await ships(b.page);
    expect([startA.seat, startB.seat]).toEqual([0, 1]);

    // A flies left, B flies right: each page sees its own ship move at once (predicted), the other's as the server has it.
    await a.page.keyboard.down('KeyA');
    await b.page.keyboard.down('KeyD');
    await expect.poll(async () => (await ships(a.page)).mine?.x ?? 1e9, { timeout: 30_000 }).toBeLessThan(startA.mine!.x - 100);
    await expect.poll(async () => (await ships(b.page)).mine?.x ?? 0, { timeout: 30_000 }).toBeGreaterThan(startB.mine!.x + 100);
    await a.page.keyboard.up('KeyA');
    await b.page.keyboard.up('KeyD');
    await expect.poll(async () => (await ships(a.page)).others[0]?.x ?? 0, { timeout: 30_000 }).toBeGreaterThan(startA.others[0]!.x + 100);
    await expect.poll(async () => (await ships(b.page)).others[0]?.x ?? 1e9, { timeout: 30_000 }).toBeLessThan(startB.others[0]!.x - 100);

    for (const [name, side] of [['a', a], ['b', b]] as const) {
      // Read once the other ship has settled, so the position asked for is the one drawn.
      let other = (await ships(side.page)).others[0]!;
      for (let i = 0; i < 100; i++) {
        await side.page.waitForTimeout(300);
        const now = (await ships(side.page)).others[0]!;
        if (now.x === other.x && now.y === other.y) break;
        other = now;
      }
      const at = await side.page.evaluate(({ x, y }) => window.loomCoop!.worldToClient(x, y), other);
      const pixels = await readCanvasPixels(side.page, 'canvas');
      await saveArtifact(`coop-${name}.png`, await side.page.screenshot());
      // The ship's cyan where the other ship is, and none in an empty stretch of floor the same size.
      expect(countNear(pixels, PLAYER_KEY, 40, at.x, at.y, 24)).toBeGreaterThan(20);
      // Floor 200 units above or below the band both ships flew along, so neither ship can be there.
      const empty = { x: other.x, y: other.y > 400 ? other.y - 200 : other.y + 200 };
      const floor = await side.page.evaluate(({ x, y }) => window.loomCoop!.worldToClient(x, y), empty);
      expect(countNear(pixels, PLAYER_KEY, 40, floor.x, floor.y, 24)).toBeLessThan(5);
    }
    const hud = await a.page.locator('.loom-net-hud').textContent();
    expect(hud).toMatch(/^room \S+ · seat 1 · 2 players · ping \d+ ms · \d+ ticks behind$/);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.page.close();
    await b.page.close();
  }, SLOW);
});
