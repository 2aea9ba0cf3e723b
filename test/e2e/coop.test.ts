// Co-op in Chromium: the test starts the game's server (server/start-server.ts, as `npm run server` does) on a free
// loopback port, opens two pages of the built game with ?server= and 100 ms of added latency, joins both to one room,
// steers each ship, and reads back from each page's pixels that it draws the other player's ship; then one page
// fires (its muzzle flashes come back as effects), saves the room and watches the save at ?replay=local (and the
// save replays headless, verified), and the other loses its socket and reconnects to its seat by itself.
import { matchMaker, type Client as ServerClient } from '@colyseus/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoomRoom } from 'loom-threads/colyseus';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RgbaImage } from '../support/png.ts';
import type { GameSimulation } from '../../game/headless/simulation.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { runReplayCommand } from '../../tools/replay-command.ts';
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
  const scratch = mkdtempSync(join(tmpdir(), 'loom-coop-'));
  // The first test's ships take no damage, from the moment they appear: its pixel check needs both ships alive
  // after two pages have loaded and flown with software WebGL on a shared machine, and without the shield a ship
  // flying into the first wave's grunts was seen to die first. The shield is written into the server's world,
  // outside the recorder: unrecorded input, so that room's recording would not replay. The second test's room is
  // not shielded: it saves its recording and replays it, fires, and is hit as any player's ship is.
  const shielded = new Set<string>();
  let shieldNewRooms = true;
  let shielding: ReturnType<typeof setInterval>;

  beforeAll(async () => {
    server = await startServer({ port: 0, swarm: 0 });
    url = `ws://${server.host}:${server.port}`;
    shielding = setInterval(() => {
      void matchMaker.query({}).then((listed) => {
        for (const { roomId } of listed) {
          if (shieldNewRooms) shielded.add(roomId);
          if (!shielded.has(roomId)) continue;
          const room = matchMaker.getLocalRoomById(roomId) as unknown as LoomRoom<GameSimulation> | undefined;
          for (const ship of room?.session.sim.world.players ?? []) ship.invulnerable = true;
        }
      });
    }, 20);
  });

  afterAll(async () => {
    clearInterval(shielding);
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function serverClientOf(page: Page): Promise<ServerClient> {
    const { roomId, sessionId } = await page.evaluate(() => ({ roomId: window.loomCoop!.link.room.roomId, sessionId: window.loomCoop!.link.room.sessionId }));
    const room = matchMaker.getLocalRoomById(roomId) as unknown as LoomRoom<GameSimulation>;
    return room.clients.find((client) => client.sessionId === sessionId)!;
  }


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
    // A consented leave: the room frees both seats at once, and with no one left it closes.
    await a.page.evaluate(() => window.loomCoop!.destroy());
    await b.page.evaluate(() => window.loomCoop!.destroy());
    await a.page.close();
    await b.page.close();
    shieldNewRooms = false;
  }, SLOW);

  it("a player fires and sees the effects, saves the room and watches the save, and reconnects to its seat after its socket dies", async () => {
    await expect.poll(() => matchMaker.query({}).then((listed) => listed.length), { timeout: 30_000 }).toBe(0);
    const a = await joinPage();
    expect(shielded.has(await a.page.evaluate(() => window.loomCoop!.link.room.roomId))).toBe(false);

    // A fires: its muzzle flashes, asked for on the server, come back in the views as effects for its view to play.
    const effects = await a.page.evaluate(() => window.loomCoop!.effects);
    await a.page.keyboard.down('Space');
    await expect.poll(() => a.page.evaluate(() => window.loomCoop!.effects), { timeout: 30_000 }).toBeGreaterThan(effects + 3);
    await a.page.keyboard.up('Space');

    // A saves the room (K): the bar offers the room's recording, which replays headless, verified, and in the
    // game's replay view from this browser's last save.
    await a.page.keyboard.press('KeyK');
    const status = a.page.locator('.loom-saves .status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^saved room \S+ at tick \d+ \(\d+ KB\), kept in this browser: \?replay=local plays it$/);
    const saved = await a.page.evaluate(async () => {
      const link = document.querySelector<HTMLAnchorElement>('.loom-saves a.download')!;
      return { name: link.download, bytes: [...new Uint8Array(await (await fetch(link.href)).arrayBuffer())] };
    });
    expect(saved.name).toMatch(/^loom-\d+-\d+\.loomrec$/);
    const file = join(scratch, saved.name);
    writeFileSync(file, Uint8Array.from(saved.bytes));
    const printed: string[] = [];
    expect(runReplayCommand([file, '--verify'], (text) => void printed.push(text), () => performance.now())).toBe(0);
    expect(printed[1]).toMatch(/^verified: all \d+ checkpoints match$/);
    const watch = await a.page.context().newPage();
    const watchErrors = collectConsoleErrors(watch);
    await watch.goto(`${project.url}?replay=local`);
    await watch.waitForFunction(() => (window.loomReplay?.engine.tick ?? 0) > 60 && window.loomReplay!.world.players.length === 1, null, { timeout: 30_000 });
    expect(watchErrors).toEqual([]);
    // Played on alone, a room's save would leave its other seats unsteered: ?restore=local says so and starts a game.
    await watch.goto(`${project.url}?restore=local`);
    await expect.poll(() => watch.locator('.loom-saves .status').textContent(), { timeout: 30_000 })
      .toBe("Cannot restore the last save: it is a co-op room's recording: it can be watched (?replay=local), not played on alone");
    await watch.close();

    // A's socket dies on the server's side: A reconnects by itself, says so meanwhile, and keeps its seat and ship.
    const before = await a.page.evaluate(() => {
      const hudLine = document.querySelector('.loom-net-hud')!;
      const lines: string[] = [];
      (window as unknown as { hudLines: string[] }).hudLines = lines;
      new MutationObserver(() => void lines.push(hudLine.textContent ?? '')).observe(hudLine, { childList: true, characterData: true, subtree: true });
      return { seat: window.loomCoop!.link.seat.seat, ship: window.loomCoop!.world.player?.id, views: window.loomCoop!.views };
    });
    (await serverClientOf(a.page) as unknown as { ref: { terminate(): void } }).ref.terminate();
    await a.page.waitForFunction(() => (window as unknown as { hudLines: string[] }).hudLines.some((line) => / · reconnecting… \(try 1 of 8\)$/.test(line)), null, { timeout: 30_000 });
    await a.page.waitForFunction((views) => window.loomCoop!.link.status.state === 'connected' && window.loomCoop!.views > views + 10, before.views, { timeout: 30_000 });
    const after = await a.page.evaluate(() => ({ seat: window.loomCoop!.link.seat.seat, ship: window.loomCoop!.world.player?.id }));
    expect(after).toEqual({ seat: before.seat, ship: before.ship });
    await expect.poll(() => a.page.locator('.loom-net-hud').textContent(), { timeout: 30_000 }).toMatch(/^room \S+ · seat 1 · 1 player · ping \d+ ms · \d+ ticks behind$/);
    expect(await a.page.evaluate(() => window.loomCoop!.problems)).toEqual([]);

    expect(a.errors).toEqual([]);
    await a.page.close();
  }, SLOW);
});
