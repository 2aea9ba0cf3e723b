// kill -9 under two Chromium players: a Redis and two server processes (children, `--redis`, as
// `npm run server:cluster` starts them), the built game served by Vite, two pages joined to one room, each through
// its own process (`?server=A,B` and `?server=B,A`). Both steer; the room's process is killed by pid; both pages
// come back by themselves in the room rebuilt on the other process (same seat, same ship), say so on the HUD, and
// steer on. No entity is lost or doubled: the room's log in Redis, from before the kill and after, replays headless
// to every checkpoint hash the two rooms wrote, and every view both pages got from the rebuilt room is, byte for
// byte, the view of that log re-simulated headless to its tick.
import { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine, Replayer, replayRecording } from 'loom-threads';
import { readRoomLog } from 'loom-threads/colyseus';
import { createGameSimulation } from '../../game/headless/simulation.ts';
import { applyWorldView } from '../../game/net/world-view.ts';
import { gameKinds } from '../../game/scripts/kinds.ts';
import { World } from '../../game/sim/world.ts';
import { arenaGame } from '../../server/arena-game.ts';
import { startLocalRedis, type LocalRedis } from '../../server/local-redis.ts';
import { collectConsoleErrors, describeBrowser, saveArtifact, useServedProject } from '../support/browser.ts';
import { describeRedis, freePort } from '../support/redis.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const VIEWPORT = { width: 800, height: 500 };
const SLOW = 180_000;
const LEASE_MS = 1000;

interface Player {
  page: Page;
  errors: string[];
}

/** What a page's mirror of the room says of its own ship and connection. */
interface Seen {
  seat: number;
  ship: number | undefined;
  x: number;
  state: string;
  way: string | null;
  port: number;
  views: number;
}

/** How many effects a view carries, as a page's mirror world reads them. */
function effectsIn(view: number[], tick: number): number {
  const mirror = new World(new Engine({ seed: 1 }), { kinds: gameKinds(), seats: 4 });
  applyWorldView(Uint8Array.from(view), mirror, tick, 0);
  return mirror.takeEvents().length;
}

describeBrowser('kill -9 under two Chromium players', () => {
  describeRedis('with Redis', () => {
    const project = useServedProject();
    let redis: LocalRedis;
    let reader: Redis;
    const servers: ServerProcess[] = [];

    beforeAll(async () => {
      redis = await startLocalRedis(await freePort());
      reader = new Redis(redis.url);
      for (let i = 0; i < 2; i++) servers.push(await startServerProcess(await freePort(), ['--swarm', '0', '--redis', redis.url, '--lease-ms', String(LEASE_MS)]));
    }, 120_000);

    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await reader?.quit();
      await redis?.stop();
    });

    async function join(first: ServerProcess, second: ServerProcess): Promise<Player> {
      // A context each, as two players' browsers: a second tab of one context would be throttled in the background.
      const page = await (await project.browser.newContext({ viewport: VIEWPORT })).newPage();
      const errors = collectConsoleErrors(page);
      await page.goto(`${project.url}?server=${encodeURIComponent(`${first.url},${second.url}`)}`);
      await page.getByRole('button', { name: 'Join co-op room' }).click();
      await page.waitForFunction(() => (window.loomCoop?.views ?? 0) >= 5, null, { timeout: 60_000 });
      // Every HUD line shown, and the views' bytes by tick: read back after the failover.
      await page.evaluate(() => {
        const scope = window as unknown as { hudLines: string[]; viewsByTick: Map<number, number[]> };
        const line = document.querySelector('.loom-net-hud')!;
        scope.hudLines = [];
        new MutationObserver(() => void scope.hudLines.push(line.textContent ?? '')).observe(line, { childList: true, characterData: true, subtree: true });
        scope.viewsByTick = new Map();
        // Only the rebuilt room's: the old room's views of the ticks past its last append had input the log lost.
        window.loomCoop!.onView((frame) => {
          if (window.loomCoop!.link.way === 'failover') scope.viewsByTick.set(frame.tick, [...frame.view]);
        });
      });
      return { page, errors };
    }

    function seen(page: Page): Promise<Seen> {
      return page.evaluate(() => {
        const game = window.loomCoop!;
        const socket = (game.link.room.connection.transport as unknown as { ws: WebSocket }).ws;
        return {
          seat: game.link.seat.seat, ship: game.world.player?.id, x: game.world.player?.x ?? Number.NaN,
          state: game.link.status.state, way: game.link.way, port: Number(new URL(socket.url).port), views: game.views,
        };
      });
    }

    /** Holds `key` down until the page's own ship has flown 60 units that way. */
    async function steer(page: Page, key: 'KeyA' | 'KeyD'): Promise<void> {
      const from = (await seen(page)).x;
      await page.keyboard.down(key);
      const flown = async (): Promise<number> => ((await seen(page)).x - from) * (key === 'KeyD' ? 1 : -1);
      await expect.poll(flown, { timeout: 30_000 }).toBeGreaterThan(60);
      await page.keyboard.up(key);
    }

    it('both players come back by themselves in the room rebuilt on the other process, same seat and ship, and play on; no entity lost or doubled', async () => {
      const [first, second] = servers as [ServerProcess, ServerProcess];
      const a = await join(first, second);
      const b = await join(second, first);
      await a.page.waitForFunction(() => window.loomCoop!.world.players.length === 2, null, { timeout: 30_000 });
      const roomId = await a.page.evaluate(() => window.loomCoop!.link.room.roomId);
      expect(await b.page.evaluate(() => window.loomCoop!.link.room.roomId)).toBe(roomId);
      // Both fire all along, and the room has no swarm: a ship killed by the first wave would fail the test.
      await a.page.keyboard.down('Space');
      await b.page.keyboard.down('Space');
      await steer(a.page, 'KeyD');
      await steer(b.page, 'KeyA');
      const beforeA = await seen(a.page);
      const beforeB = await seen(b.page);
      expect(beforeB.port).toBe(beforeA.port); // both play on the room's process, whichever they joined through
      const host = servers.find((server) => server.port === beforeA.port)!;
      const survivor = servers.find((server) => server !== host)!;

      host.signal('SIGKILL');
      await host.exited;
      for (const [side, before] of [[a, beforeA], [b, beforeB]] as const) {
        await side.page.waitForFunction(() => window.loomCoop!.link.way === 'failover' && window.loomCoop!.link.status.state === 'connected', null, { timeout: 60_000 });
        await side.page.waitForFunction((views) => window.loomCoop!.views > views + 10, before.views, { timeout: 60_000 });
        const after = await seen(side.page);
        expect({ seat: after.seat, ship: after.ship, way: after.way, port: after.port }).toEqual({ seat: before.seat, ship: before.ship, way: 'failover', port: survivor.port });
        const lines = await side.page.evaluate(() => (window as unknown as { hudLines: string[] }).hudLines);
        expect(lines.some((line) => / · reconnecting… \(try 1 of 8\)$/.test(line))).toBe(true);
        expect(lines.some((line) => / · the room's server stopped: rejoining the room on another… \(try \d+ of 8\)$/.test(line))).toBe(true);
        expect(lines.some((line) => / · back: the room moved to another server$/.test(line))).toBe(true);
      }
      expect(survivor.output()).toContain(`room ${roomId} rebuilt here from its log`);
      const rebuiltAt = Number(/rebuilt here from its log at tick (\d+)/.exec(survivor.output())![1]);

      // Both steer on in the rebuilt room.
      await steer(a.page, 'KeyA');
      await steer(b.page, 'KeyD');
      await saveArtifact('failover-a.png', await a.page.screenshot());
      await saveArtifact('failover-b.png', await b.page.screenshot());

      // No entity lost or doubled: the whole log, from before the kill and after it, replays headless to every
      // checkpoint hash the two rooms wrote, and both pages got the same views from the rebuilt room.
      const logged = (await readRoomLog(reader, roomId))!;
      expect(logged.recording.ticks).toBeGreaterThan(rebuiltAt + 60);
      expect(replayRecording(logged.recording, createGameSimulation, { verify: true }).divergence).toBeNull();
      const viewsOf = (page: Page): Promise<[number, number[]][]> => page.evaluate(() => [...(window as unknown as { viewsByTick: Map<number, number[]> }).viewsByTick]);
      const [viewsA, viewsB] = [new Map(await viewsOf(a.page)), new Map(await viewsOf(b.page))];
      const common = [...viewsA.keys()].filter((tick) => viewsB.has(tick));
      expect(common.length).toBeGreaterThan(10);
      for (const tick of common) expect(viewsB.get(tick), `the view of tick ${tick}`).toEqual(viewsA.get(tick));
      // Byte for byte, effects included, each view the pages got from the rebuilt room (to the log's end) is the
      // arena's view of the log re-simulated headless to its tick.
      const replayer = new Replayer(logged.recording, createGameSimulation);
      const view = arenaGame().view;
      const checked = common.filter((tick) => tick <= logged.recording.ticks).sort((x, y) => x - y);
      expect(checked.length).toBeGreaterThan(10);
      let withEffects = 0;
      for (const tick of checked) {
        replayer.runTo(tick);
        const where = `the view of tick ${tick} (the room rebuilt from tick ${rebuiltAt}, its log read to tick ${logged.recording.ticks})`;
        expect(Uint8Array.from(viewsA.get(tick)!), where).toEqual(view(replayer.sim, tick - 2));
        if (effectsIn(viewsA.get(tick)!, tick) > 0) withEffects++;
      }
      expect(withEffects).toBeGreaterThan(0); // the shots' bursts: the views compared carry effects

      expect(await a.page.evaluate(() => window.loomCoop!.problems)).toEqual([]);
      expect(await b.page.evaluate(() => window.loomCoop!.problems)).toEqual([]);
      // The only console errors are the browser's own reports of the requests that tried the dead process.
      const dead = `127.0.0.1:${host.port}/matchmake/`;
      expect(a.errors.filter((error) => !error.includes(dead))).toEqual([]);
      expect(b.errors.filter((error) => !error.includes(dead))).toEqual([]);
      await a.page.evaluate(() => window.loomCoop!.destroy());
      await b.page.evaluate(() => window.loomCoop!.destroy());
      await a.page.context().close();
      await b.page.context().close();
    }, SLOW);
  });
});
