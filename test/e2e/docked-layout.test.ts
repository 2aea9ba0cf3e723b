import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, openReady, saveArtifact, useContextPerTest, useServedProject, type ReadyPage } from '../support/browser.ts';

const VIEWPORT = { width: 1280, height: 800 };
/** Software WebGL on two shared cores is slow: a test may take this long. */
const SLOW = 180_000;

/** A rectangle in client pixels. */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

type Dock = 'left' | 'right' | 'closed';

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (inner: Box, outer: Box): boolean =>
  inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

/** The pairs of named boxes that overlap, as `a × b`. */
function overlapping(boxes: Record<string, Box>): string[] {
  const names = Object.keys(boxes);
  return names.flatMap((a, i) => names.slice(i + 1).filter((b) => overlaps(boxes[a]!, boxes[b]!)).map((b) => `${a} × ${b}`));
}

/**
 * What the page shows, in client pixels: the canvas, the view's parts (GameView.boxes, moved by the canvas's place),
 * the inspector's panel when open, the save bar, and a replay's bar when one shows.
 */
interface Layout {
  canvas: Box;
  view: Record<string, Box>;
  panel: Box | null;
  saves: Box;
  replayBar: Box | null;
}

/** Reads the layout of the live game, or with `replay` of the replay shown over it. */
function readLayout(page: Page, replay: boolean): Promise<Layout> {
  return page.evaluate(async (ofReplay) => {
    const rect = (element: Element | null): Box | null => {
      if (element === null || (element as HTMLElement).hidden) return null;
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    const loom = window.loom!;
    const shown = ofReplay ? await loom.rewind() : null;
    const app = shown?.app ?? loom.app;
    const view = shown?.view ?? loom.view;
    const canvas = rect(app.canvas)!;
    const moved = Object.fromEntries(Object.entries(view.boxes()).map(([name, box]) =>
      [name, { left: box.left + canvas.left, top: box.top + canvas.top, right: box.right + canvas.left, bottom: box.bottom + canvas.top }]));
    return { canvas, view: moved, panel: rect(document.querySelector('.loom-inspector')), saves: rect(document.querySelector('.loom-saves'))!, replayBar: rect(document.querySelector('.loom-replay')) };
  }, replay);
}

/**
 * The checks every layout passes: the canvas lies beside the panel; every part of the view lies in the canvas,
 * none over another (the arena holds the banner, the key hint and the REPLAY mark, so those are checked apart); the
 * save bar and a replay's bar lie beside the panel and cover neither the arena nor the HUD nor each other.
 */
function expectClearLayout(layout: Layout, dock: Dock): void {
  const { canvas, view, panel, saves, replayBar } = layout;
  if (dock === 'closed') expect([canvas.left, canvas.right]).toEqual([0, VIEWPORT.width]);
  else {
    expect(panel).not.toBeNull();
    expect(overlaps(canvas, panel!)).toBe(false);
    expect(dock === 'left' ? panel!.left : panel!.right).toBe(dock === 'left' ? 0 : VIEWPORT.width);
  }
  for (const [name, box] of Object.entries(view)) expect(inside(box, canvas), `${name} inside the canvas`).toBe(true);
  const { arena, banner, hint, replayMark, ...hud } = view;
  expect(overlapping({ ...hud, arena: arena! })).toEqual([]);
  for (const [name, box] of Object.entries({ banner, hint, replayMark })) if (box) expect(inside(box, arena!), `${name} inside the arena`).toBe(true);
  const bars: Record<string, Box> = { saves, ...(replayBar ? { replayBar } : {}) };
  expect(overlapping({ ...bars, ...hud, arena: arena!, ...(panel ? { panel } : {}) })
    .filter((pair) => Object.keys(bars).some((bar) => pair.includes(bar)))).toEqual([]);
  for (const [name, box] of Object.entries(bars)) expect(inside(box, canvas), `${name} beside the panel`).toBe(true);
}

describeBrowser('the game at 1280x800 with the inspector docked left, right, or closed (index.html, stress.html)', () => {
  const project = useServedProject();
  const browser = useContextPerTest(project, VIEWPORT);

  /** Opens `path` with the inspector's remembered place set to `dock` (closed: the default place, not opened). */
  async function open(path: string, dock: Dock): Promise<ReadyPage> {
    const page = await browser.context.newPage();
    if (dock !== 'closed') {
      await page.addInitScript((side) => localStorage.setItem('loom.inspector.layout', JSON.stringify({ side, width: 480 })), dock);
    }
    return openReady(page, `${project.url}${path}`);
  }

  /** Waits until the canvas of `app` lies beside the open panel (pixi resizes at its next frame). */
  async function settled(page: Page, replay: boolean, dock: Dock): Promise<Layout> {
    await expect.poll(async () => {
      const layout = await readLayout(page, replay);
      return dock === 'closed' ? layout.canvas.right === VIEWPORT.width : layout.panel !== null && !overlaps(layout.canvas, layout.panel);
    }, { timeout: 20_000 }).toBe(true);
    return readLayout(page, replay);
  }

  for (const dock of ['left', 'right'] as const) {
    it(`docked ${dock}: the HUD keeps the seed and the dropped ticks clear of the threads, the bars clear of the arena; rewind shows the replay beside the panel, marked REPLAY, the thread still selected, and resuming keeps the panel open`, async () => {
      const { page, errors } = await open('?seed=7', dock);
      await page.waitForFunction(() => window.loom!.engine.threads().some((thread) => thread.name === 'grunt'), null, { timeout: 60_000 });
      await page.keyboard.press('KeyP'); // PAUSED, with the key hint
      await page.keyboard.press('KeyK'); // the save bar's status line
      await page.keyboard.press('Backquote');
      await settled(page, false, dock);
      // The widest HUD: many threads and dropped ticks (drawn once by hand, as a frame would).
      await page.evaluate(() => {
        const { view, engine } = window.loom!;
        view.render(engine, { threads: 1_234_567, idleThreads: 123_456, frameMs: 116.7, scriptMs: 12.34, paused: true, seed: 7, dropped: 12_345 }, performance.now() + 1e6);
      });
      const live = await readLayout(page, false);
      expectClearLayout(live, dock);
      expect(Object.keys(live.view)).toEqual(expect.arrayContaining(['score', 'hearts', 'wave', 'threads', 'timing']));
      await saveArtifact(`docked-${dock}-live.png`, await page.screenshot());

      // A grunt's thread selected, then rewind from the panel's foot.
      const selected = await page.evaluate(() => {
        const { engine, inspector } = window.loom!;
        const grunt = engine.threads().find((thread) => thread.name === 'grunt')!;
        inspector!.select(grunt);
        return grunt.label;
      });
      await expect.poll(() => page.textContent('.loom-details-label')).toBe(selected);
      await page.click('.loom-timeline button[data-action="rewind"]');
      await page.waitForFunction(() => window.loom!.inspector!.engine !== window.loom!.engine && !document.querySelector('.loom-timeline progress:not([hidden])'), null, { timeout: 60_000 });
      const replay = await settled(page, true, dock);
      expectClearLayout(replay, dock);
      expect(replay.replayBar).not.toBeNull();
      expect(replay.view.replayMark).toBeDefined();
      expect(live.view.replayMark).toBeUndefined();
      expect(replay.view.banner).toBeDefined(); // PAUSED, whole, beside the panel
      expect(await page.textContent('.loom-details-label')).toBe(selected); // the same thread id, in the replay
      await saveArtifact(`docked-${dock}-rewind.png`, await page.screenshot());

      const end = await page.evaluate(() => window.loom!.engine.tick);
      await page.click('.loom-timeline button[data-action="resume-live"]');
      await page.waitForFunction((tick) => window.loom!.engine.tick === tick && !document.querySelector('.loom-replay') && window.loom!.inspector?.engine === window.loom!.engine, end, { timeout: 60_000 });
      expect(await page.evaluate(() => window.loom!.inspector!.isOpen)).toBe(true);
      expect(await page.locator('.loom-inspector').isVisible()).toBe(true);
      await expect.poll(() => page.textContent('.loom-details-label')).toBe(selected);
      expectClearLayout(await settled(page, false, dock), dock);
      expect(errors).toEqual([]);
    }, SLOW);
  }

  it('closed: the save bar and a replay\'s bar sit under the arena, each clear of the other', async () => {
    const { page, errors } = await open('?seed=7', 'closed');
    await page.waitForFunction(() => window.loom!.engine.tick >= 30, null, { timeout: 60_000 });
    await page.keyboard.press('KeyP');
    await page.keyboard.press('KeyK');
    await page.evaluate(() => {
      const { view, engine } = window.loom!;
      view.render(engine, { threads: 1_234_567, idleThreads: 123_456, frameMs: 116.7, scriptMs: 12.34, paused: true, seed: 7, dropped: 12_345 }, performance.now() + 1e6);
    });
    expectClearLayout(await settled(page, false, 'closed'), 'closed');
    await page.evaluate(() => window.loom!.rewind());
    await expect.poll(() => page.evaluate(async () => (await window.loom!.rewind()).travel.seeking), { timeout: 60_000 }).toBeNull();
    const replay = await settled(page, true, 'closed');
    expectClearLayout(replay, 'closed');
    expect(replay.view.replayMark).toBeDefined();
    await saveArtifact('closed-rewind.png', await page.screenshot());
    expect(errors).toEqual([]);
  }, SLOW);

  for (const dock of ['left', 'right', 'closed'] as const) {
    it(`stress page, inspector ${dock}: the header is one row, beside the panel, its controls clear of each other`, async () => {
      const { page, errors } = await open('stress.html?threads=1000&render=0', dock);
      await page.waitForFunction(() => (window.loomStress?.stats().frames ?? 0) >= 2, null, { timeout: 30_000 });
      if (dock !== 'closed') await page.keyboard.press('Backquote');
      const header = async () => page.evaluate(() => {
        const rect = (element: Element): Box => {
          const { left, top, right, bottom } = element.getBoundingClientRect();
          return { left, top, right, bottom };
        };
        const panel = document.querySelector<HTMLElement>('.loom-inspector');
        const parts = [...document.querySelectorAll('.bar > *, .controls > *')].filter((element) => element.getClientRects().length > 0 && !element.classList.contains('controls'));
        return {
          bar: rect(document.querySelector('.bar')!),
          panel: panel && !panel.hidden ? rect(panel) : null,
          parts: Object.fromEntries(parts.map((element, i) => [`${i} ${element.className}`, rect(element)])),
          control: rect(document.querySelector('#pause')!),
        };
      });
      if (dock !== 'closed') await expect.poll(async () => { const h = await header(); return h.panel !== null && !overlaps(h.bar, h.panel); }).toBe(true);
      const shown = await header();
      expect(overlapping(shown.parts)).toEqual([]);
      for (const [name, box] of Object.entries(shown.parts)) expect(inside(box, shown.bar), `${name} in the header`).toBe(true);
      // One row: the header is no taller than two of its controls.
      expect(shown.bar.bottom - shown.bar.top).toBeLessThan(2 * (shown.control.bottom - shown.control.top) + 8);
      await saveArtifact(`stress-${dock}.png`, await page.screenshot());
      expect(errors).toEqual([]);
    }, SLOW);
  }
});
