// The inspector on a live room, in Chromium: the test starts the game's server with inspection on (as
// `npm run server -- --inspect` does) on free loopback ports, a client in this process joins an arena room, and the
// built inspect.html lists the room, opens the panel on it, and shows its threads, live, in the panel's rows.
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { collectConsoleErrors, describeBrowser, saveArtifact, useServedProject } from '../support/browser.ts';
import { DETAILS, listedNames, ROWS } from '../support/inspector-panel.ts';

describeBrowser('the inspector on a live room (inspect.html)', () => {
  const project = useServedProject();
  let server: RunningServer;
  let player: Room;
  let left = false;

  beforeAll(async () => {
    server = await startServer({ port: 0, swarm: 20, inspect: { port: 0 } });
    player = await new Client(`ws://${server.host}:${server.port}`).create('arena', { seed: 11 });
    player.onMessage('*', () => {}); // a player that only sits in the room: its views and seat are not read
  });

  afterAll(async () => {
    if (player !== undefined && !left) await player.leave(true);
    await server?.stop();
  });

  it('lists the live room, opens the panel on it, and shows its threads and ticks live from the server; no console errors', async () => {
    const page = await (await project.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${project.url}inspect.html?inspect=${encodeURIComponent(server.inspection!.url)}`);
    const room = page.getByRole('button', { name: new RegExp(`^arena ${player.roomId} · 1 client · tick \\d+ · \\d+ threads$`) });
    await room.click();
    await page.waitForFunction((rows) => document.querySelectorAll(rows.replace(':visible', '')).length > 3, ROWS, { timeout: 30_000 });
    await expect.poll(() => listedNames(page), { timeout: 30_000 }).toEqual(expect.arrayContaining(['game', 'player']));
    expect(await page.locator('.loom-title').textContent()).toBe(`loom · room ${player.roomId}`);
    expect(page.url()).toContain(`room=${player.roomId}`);

    // Live: the server's tick, as the panel's totals line shows it, goes on.
    const tickShown = async (): Promise<number> => Number(/^tick ([\d,]+)/.exec((await page.locator('.loom-totals').textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
    const before = await tickShown();
    await expect.poll(tickShown, { timeout: 30_000 }).toBeGreaterThan(before + 30);

    // A thread's details come from the server: its wait and its stack, with the server's source files.
    await page.locator(ROWS).filter({ hasText: 'player' }).first().click();
    await expect.poll(() => page.locator(`${DETAILS} .loom-frame-name`).allTextContents(), { timeout: 30_000 }).toContain('player');
    const frameAt = await page.locator(`${DETAILS} .loom-frame-at`).first().textContent();
    expect(frameAt).toMatch(/^ game\/scripts\/[\w-]+\.ts:\d+$/);
    expect(await page.locator('.loom-break-toggle').isVisible()).toBe(false); // a room on a server is only read
    await saveArtifact('live-inspector.png', await page.screenshot());

    expect(errors).toEqual([]);
    // The last player leaves: the room closes, the page's list empties and the panel says the room is gone. The
    // page asks no more: Chromium logs the one 404 as a failed resource.
    left = true;
    await player.leave(true);
    await expect.poll(() => page.locator('.loom-status').textContent(), { timeout: 30_000 })
      .toBe(`room ${player.roomId} at ${server.inspection!.url}: 404 {"error":"no inspectable room ${player.roomId} (closed, or not defined with inspect)"}`);
    await expect.poll(() => page.locator('#rooms li').count(), { timeout: 30_000 }).toBe(0);
    await page.waitForTimeout(1000); // four more requests' worth of time: none is made
    expect(errors).toEqual([expect.stringMatching(new RegExp(`status of 404 .*/rooms/${player.roomId}\\?thread=\\d+\\)$`))]);
    await page.close();
  });
});
