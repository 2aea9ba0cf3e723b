import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, collectConsoleErrors, describeBrowser, launchChromium } from '../support/browser.ts';

/** Software WebGL on a shared machine can be slow. */
const SLOW = 120_000;
const GRUNT = 'game/scripts/grunt.ts';

// The dev server runs on a copy of the project, so the test can edit a script without touching the checkout.
describeBrowser('hot reload under the Vite dev server (docs/hot-reload.md)', () => {
  let root = '';
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'loom-hot-'));
    // Everything the repository holds at its top, so a folder the game comes to import is never missing here.
    for (const name of topLevelEntries()) await cp(join(REPO_ROOT, name), join(root, name), { recursive: true });
    await symlink(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    // Its own dependency cache: the default lies in node_modules, which is the checkout's.
    server = await createServer({ root, configFile: join(root, 'vite.config.ts'), cacheDir: join(root, '.vite'), logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root !== '') await rm(root, { recursive: true, force: true });
  });

  it("an edit of grunt.ts changes the running grunts' speeds without a page reload (and, with ?rerun, re-runs the run with the new code); a syntax error, then its fix, recovers", async () => {
    // Small: software WebGL draws each frame on the page's main thread, which also applies the updates.
    const page = await browser!.newPage({ viewport: { width: 480, height: 270 } });
    const errors = collectConsoleErrors(page);
    const infos: string[] = [];
    page.on('console', (message) => void (message.type() === 'info' && infos.push(message.text())));
    await page.goto(`${server!.resolvedUrls!.local[0]}?seed=7&rerun`);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    await page.waitForFunction(() => (window.loom?.world.hostileCount ?? 0) > 0, null, { timeout: 60_000 });
    await page.keyboard.press('KeyP'); // paused: the test steps the engine by hand
    await page.evaluate(() => void ((window as { hotMarker?: boolean }).hotMarker = true));
    const before = await readGame(page);
    expect(before.gruntSpeeds.length).toBeGreaterThan(0);
    for (const [mode, speed] of before.gruntSpeeds) expect(speed).toBe(mode === 'patrol' ? 70 : 150);

    const source = await readFile(join(root, GRUNT), 'utf8');
    const edited = source.replace('const PATROL_SPEED = 70;', 'const PATROL_SPEED = 90;').replace('const CHASE_SPEED = 150;', 'const CHASE_SPEED = 190;');
    await writeFile(join(root, GRUNT), edited);
    const after = await reloadedGame(page, 1);
    for (const [mode, speed] of after.gruntSpeeds) expect(speed).toBe(mode === 'patrol' ? 90 : 190);
    expect(after.gruntSpeeds.length).toBeGreaterThan(0);
    expect(after.grunts).toEqual(before.grunts); // the same threads, each reloaded once (see reloadedGame)
    expect(after.gruntEntities).toEqual(before.gruntEntities); // no death played: the same grunts, alive
    expect(after.others).toEqual(before.others); // the threads of unchanged scripts: same ids, never reloaded
    expect(after.marker).toBe(true); // no page reload
    // With ?rerun the run so far is re-run with the new code, and the verdict printed.
    expect(infos.filter((text) => text.startsWith('[loom] hot reload: the run so far ('))).toHaveLength(1);
    expect(errors).toEqual([]);

    // A syntax error: the overlay shows it, the old code runs on.
    await writeFile(join(root, GRUNT), `${edited}\nconst = ;\n`);
    await page.waitForSelector('vite-error-overlay', { state: 'attached', timeout: 20_000 });
    const broken = await readGame(page);
    expect(broken.grunts).toEqual(before.grunts);
    expect(broken.marker).toBe(true);

    // Its fix: reloaded again, the overlay gone.
    await writeFile(join(root, GRUNT), edited.replace('const CHASE_SPEED = 190;', 'const CHASE_SPEED = 210;').replace('const PATROL_SPEED = 90;', 'const PATROL_SPEED = 110;'));
    const fixed = await reloadedGame(page, 2);
    for (const [mode, speed] of fixed.gruntSpeeds) expect(speed).toBe(mode === 'patrol' ? 110 : 210);
    expect(fixed.others).toEqual(before.others);
    expect(fixed.marker).toBe(true);
    expect(await page.locator('vite-error-overlay').count()).toBe(0);
    // The only errors since are the failed fetch of the broken grunt.ts and Vite's note that it kept the old one.
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((error) => !error.includes('grunt.ts'))).toEqual([]);
    await page.close();
  }, SLOW);

  it("an edit that makes the grunt throw as it begins holds its threads and keeps the grunts (the error points at the throw in grunt.ts); the fix restarts them on the same grunts; an edit of GRUNT's colour is applied and said on screen", async () => {
    const page = await browser!.newPage({ viewport: { width: 480, height: 270 } });
    const errors = collectConsoleErrors(page);
    await page.goto(`${server!.resolvedUrls!.local[0]}?seed=7`);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    await page.waitForFunction(() => (window.loom?.world.hostileCount ?? 0) > 0, null, { timeout: 60_000 });
    await page.keyboard.press('KeyP');
    const before = await readGame(page);
    expect(before.gruntEntities.length).toBeGreaterThan(0);

    const source = await readFile(join(root, GRUNT), 'utf8');
    const begins = 'export function* grunt(world: World, self: Entity) {\n  try {\n';
    expect(source).toContain(begins);
    const throwing = source.replace(begins, `${begins}    if (self.hp > 0) throw new Error('the edited grunt throws');\n`);
    await writeFile(join(root, GRUNT), throwing);
    const held = await reloadedGame(page, 1);
    expect(held.gruntEntities).toEqual(before.gruntEntities); // no death played: the same grunts, in the world
    expect(await page.evaluate(() => window.loom!.engine.threads().filter((t) => t.name === 'grunt').map((t) => t.waitingOn)))
      .toEqual(before.grunts.map(() => 'signal a fix of its script (hot reload)'));
    // One error a grunt, pointing at the throw in grunt.ts (in the module as the dev server serves it), not at the
    // death routine its cleanup ran.
    expect(errors).toHaveLength(before.grunts.length);
    for (const error of errors) {
      expect(error).toContain('the edited grunt throws');
      const [, url, line] = /\((http[^()]*\/game\/scripts\/grunt\.ts[^():]*):(\d+):\d+\)$/.exec(error.split('\n')[1]!) ?? [];
      expect(url).toBeDefined();
      const served = await page.evaluate(async (at) => (await fetch(at)).text(), url!);
      expect(served.split('\n')[Number(line) - 1]).toMatch(/throw new Error\(["']the edited grunt throws["']\)/);
      expect(error).not.toContain('/engine/'); // the frames below the script's are the engine's: left out
    }

    // The fix, with the grunt's colour edited: the threads restart on the same grunts, and the colour applies.
    await writeFile(join(root, GRUNT), source.replace('colour: 0xff8a2a', 'colour: 0x30ff90'));
    const fixed = await reloadedGame(page, 2);
    expect(fixed.gruntEntities).toEqual(before.gruntEntities);
    await page.evaluate(() => { for (let i = 0; i < 60; i++) window.loom!.engine.step(); });
    const driven = await readGame(page);
    expect(driven.gruntSpeeds.length).toBe(before.gruntEntities.length); // patrolling or chasing again
    expect(await page.evaluate(() => window.loom!.world.kinds.get('grunt').stats.colour)).toBe(0x30ff90);
    expect(await page.textContent('.loom-saves .status')).toBe("hot reload: grunt's stats.colour applied");
    expect(errors).toHaveLength(before.grunts.length);
    await page.close();
  }, SLOW);
});

interface GameReading {
  /** [mode, speed] of every grunt patrolling or chasing. */
  gruntSpeeds: ['patrol' | 'chase', number][];
  /** The grunt threads' labels. */
  grunts: string[];
  /** The root threads and those of the other entities, with their reload counts: a few ticks cannot end them. */
  others: string[];
  /** The grunts alive in the world, with their threads. */
  gruntEntities: string[];
  marker: boolean;
}

// Waits until every grunt thread has been reloaded `times` times, then steps the engine past the restart.
async function reloadedGame(page: Page, times: number): Promise<GameReading> {
  await page.waitForFunction((n) => {
    const grunts = window.loom!.engine.threads().filter((t) => t.name === 'grunt');
    return grunts.length > 0 && grunts.every((t) => t.reloads === n);
  }, times, { timeout: 20_000 });
  await page.evaluate(() => { for (let i = 0; i < 3; i++) window.loom!.engine.step(); });
  return readGame(page);
}

async function readGame(page: Page): Promise<GameReading> {
  return page.evaluate(() => {
    const { engine, world } = window.loom!;
    const grunts = engine.threads().filter((t) => t.name === 'grunt');
    const roots = engine.threads().filter((t) => t.parent === null);
    return {
      gruntSpeeds: world.entities
        .filter((e) => e.kind === 'grunt' && (e.mode === 'patrol' || e.mode === 'chase'))
        .map((e) => [e.mode, e.speed] as ['patrol' | 'chase', number]),
      grunts: grunts.map((t) => t.label).sort(),
      others: [...roots, ...world.entities.filter((e) => e.kind !== 'grunt').map((e) => e.thread)]
        .map((t) => `${t?.label} x${t?.reloads}`).sort(),
      gruntEntities: world.entities.filter((e) => e.kind === 'grunt' && e.alive).map((e) => `${e.id} ${e.thread?.label}`).sort(),
      marker: (window as { hotMarker?: boolean }).hotMarker === true,
    };
  });
}

/** The files and folders at the repository's top that git tracks. */
function topLevelEntries(): string[] {
  const files = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  return [...new Set(files.map((file) => file.split('/')[0]!))];
}
