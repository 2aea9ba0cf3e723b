import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { Replayer, decodeRecording, replayRecording, type Recording } from '../../engine/index.ts';
import { createGameSimulation } from '../../game/headless/simulation.ts';
import { describeBrowser, openReady, useContextPerTest, useServedProject, waitForTick, type ReadyPage } from '../support/browser.ts';

/** Software WebGL on a shared machine can be slow: a test may take this long. */
const SLOW = 120_000;
// Small, as software WebGL draws every pixel on the CPU.
const VIEWPORT = { width: 800, height: 450 };

describeBrowser('save and restore the live game', () => {
  const project = useServedProject();
  // One context per test: its pages share localStorage, as the tabs of one browser do.
  const browser = useContextPerTest(project, VIEWPORT);

  /** Opens the game with a query and waits until it has run a few ticks live. */
  async function openGame(query: string): Promise<ReadyPage> {
    const ready = await openReady(await browser.context.newPage(), `${project.url}${query}`);
    await waitForTick(ready.page, 20);
    return ready;
  }

  /**
   * Plays `ticks` ticks through the live recorder, stepped by hand while the game is paused, so two runs get
   * their input at exactly the same ticks: a pilot circles, aims at the first hostile (else ahead of itself) and
   * holds the trigger. Every field is set each tick, from the world alone: the mouse moving over the page (to click
   * the save bar's link) aims too, and must not leave its aim in one run and not the other.
   */
  function playByHand(page: Page, ticks: number): Promise<void> {
    return page.evaluate((n) => {
      const { recorder, world } = window.loom!;
      for (let i = 0; i < n; i++) {
        const me = world.player;
        const target = world.entities.find((e) => e !== me && e.alive);
        const heading = world.time * 0.8;
        world.input.aimX = target ? target.x : (me?.x ?? 0) + Math.cos(heading) * 100;
        world.input.aimY = target ? target.y : (me?.y ?? 0) + Math.sin(heading) * 100;
        world.input.dash = false;
        world.input.right = Math.cos(heading) > 0.3;
        world.input.left = Math.cos(heading) < -0.3;
        world.input.down = Math.sin(heading) > 0.3;
        world.input.up = Math.sin(heading) < -0.3;
        world.input.firing = true;
        recorder.step();
        world.takeEvents();
      }
    }, ticks);
  }

  /** Where the game is: its tick, every checkpoint hash recorded, and a summary of the world. */
  function snapshot(page: Page) {
    return page.evaluate(() => {
      const { recorder, world, engine } = window.loom!;
      return {
        tick: engine.tick,
        hashes: recorder.recording().checkpoints.map((c) => `${c.tick}:${c.hash}`),
        world: { score: world.score, wave: world.wave, entities: world.entities.length, x: world.player?.x, y: world.player?.y },
        threads: engine.threadCount,
      };
    });
  }

  const status = (page: Page): Promise<string | null> => page.textContent('.loom-saves .status');

  /** Presses K and returns the save as kept in localStorage and as downloaded from the save bar's link. */
  async function saveWithKey(page: Page): Promise<{ kept: Uint8Array; downloaded: Uint8Array; name: string }> {
    await page.keyboard.press('KeyK');
    await page.waitForSelector('.loom-saves a.download:not([hidden])');
    const kept = await page.evaluate(() => localStorage.getItem('loom.save')!);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.loom-saves a.download')]);
    const downloaded = new Uint8Array(await readFile((await download.path())!));
    return { kept: Uint8Array.from(Buffer.from(kept, 'base64')), downloaded, name: download.suggestedFilename() };
  }

  let chromiumSave: Recording | null = null;

  it('saves 30 s of play with K: localStorage and the download hold the same recording, which decodes and replays in Node', async () => {
    const { page, errors } = await openGame('?seed=7&swarm=60');
    await page.keyboard.press('KeyP'); // the live ticks so far are in the recording, and so is this pause
    await playByHand(page, 1800); // 30 s of game time
    const { kept, downloaded, name } = await saveWithKey(page);
    const at = await snapshot(page);
    expect(downloaded).toEqual(kept);
    expect(name).toBe(`loom-7-${at.tick}.loomrec`);
    expect(await status(page)).toBe(`saved at tick ${at.tick} (${Math.ceil(kept.length / 1024)} KB), kept in this browser`);

    const recording = decodeRecording(kept);
    expect(recording.ticks).toBe(at.tick);
    expect(recording.header.meta).toEqual({ swarm: 60, wave: 1 });
    expect(recording.events.filter((e) => e.type === 'pause')).toEqual([{ tick: expect.any(Number), type: 'pause', paused: true }]);
    expect(recording.checkpoints.map((c) => `${c.tick}:${c.hash}`)).toEqual(at.hashes);
    const replay = replayRecording(recording, (setup) => createGameSimulation(setup, { onError: () => {} }));
    expect(replay.ticks).toBe(at.tick);
    chromiumSave = recording;
    expect(errors).toEqual([]);
  }, SLOW);

  // Across JavaScript engines: the game's simulation uses detMath, so a live save from Chromium replays in Node
  // bit for bit (docs/recording-format.md). It reads the save the test above made.
  it('a save made in Chromium replays in Node with every checkpoint hash matching', () => {
    expect(chromiumSave).not.toBeNull();
    const replay = replayRecording(chromiumSave!, (setup) => createGameSimulation(setup, { onError: () => {} }), { verify: true });
    expect(replay.divergence).toBeNull();
    expect(replay.checked).toBe(chromiumSave!.checkpoints.length);
  });

  it('restores a mid-wave save with ?restore=local: with the same input after it, every hash equals the uninterrupted run', async () => {
    const { page: first } = await openGame('?seed=7&swarm=60');
    await first.keyboard.press('KeyP');
    await playByHand(first, 1200);
    // Mid-wave: the live ticks before P vary in number, so the pilot may have just cleared a wave; the next comes.
    const hostiles = (): Promise<number> => first.evaluate(() => window.loom!.world.hostileCount);
    for (let i = 0; i < 60 && (await hostiles()) === 0; i++) await playByHand(first, 30);
    expect(await hostiles()).toBeGreaterThan(0);
    await saveWithKey(first);
    const saved = await snapshot(first);
    await playByHand(first, 900);
    const uninterrupted = await snapshot(first);

    const { page: second, errors } = await openGameRestoring('?restore=local', saved.tick);
    expect(await status(second)).toBe(`restored the last save at tick ${saved.tick}`);
    expect(await snapshot(second)).toEqual(saved); // paused when saved, so paused when restored: no tick has run
    await playByHand(second, 900);
    expect(await snapshot(second)).toEqual(uninterrupted);
    expect(uninterrupted.hashes.length).toBeGreaterThan(saved.hashes.length + 10);
    expect(errors).toEqual([]);
  }, SLOW);

  /** Opens the game on a restore, and waits until the game restored is on the page at `tick`. */
  async function openGameRestoring(query: string, tick: number): Promise<ReadyPage> {
    const ready = await openReady(await browser.context.newPage(), `${project.url}${query}`);
    expect(await ready.page.evaluate(() => window.loom!.engine.tick)).toBe(tick);
    return ready;
  }

  it('restores a save file dropped on the page, and carries on live from it, recording on', async () => {
    const { page: first } = await openGame('?seed=11&swarm=60');
    await first.keyboard.press('KeyP');
    await playByHand(first, 600);
    const { downloaded } = await saveWithKey(first);
    const saved = await snapshot(first);

    const { page, errors } = await openGame('?seed=3');
    await page.evaluate(() => {
      const meter = document.querySelector<HTMLProgressElement>('.loom-saves progress')!;
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
      new MutationObserver(() => seen.push(meter.hidden ? 'hidden' : `shown ${meter.value}`)).observe(meter, { attributes: true });
    });
    await page.evaluate((bytes) => {
      const files = new DataTransfer();
      files.items.add(new File([Uint8Array.from(bytes)], 'dropped.loomrec'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: files, cancelable: true }));
    }, Array.from(downloaded));
    await page.waitForFunction((tick) => window.loom!.config.seed === 11 && window.loom!.engine.tick === tick, saved.tick, { timeout: 60_000 });
    expect(await status(page)).toBe(`restored dropped.loomrec at tick ${saved.tick}`);
    expect(await snapshot(page)).toEqual(saved);
    const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(progress[0]).toBe('shown 0'); // the bar shows before the first slice runs, and is hidden once done
    expect(progress.at(-1)).toBe('hidden');
    await page.keyboard.press('KeyP'); // saved paused: P resumes, live
    await page.waitForFunction((tick) => window.loom!.engine.tick > tick + 30, saved.tick, { timeout: 30_000 });
    const events = await page.evaluate(() => window.loom!.recorder.recording().events.filter((e) => e.type === 'pause').length);
    expect(events).toBe(2);
    expect(errors).toEqual([]);
  }, SLOW);

  it('says what is wrong with a corrupted save (and starts a new game) or a truncated file (and the game carries on)', async () => {
    const { page: first } = await openGame('?seed=7&swarm=60');
    await first.keyboard.press('KeyP');
    await playByHand(first, 300);
    const { kept } = await saveWithKey(first);
    const corrupted = Uint8Array.from(kept);
    corrupted[Math.floor(corrupted.length / 2)]! ^= 0x40;
    await first.evaluate((base64) => localStorage.setItem('loom.save', base64), Buffer.from(corrupted).toString('base64'));

    const { page, errors } = await openReady(await browser.context.newPage(), `${project.url}?restore=local&seed=5`);
    await waitForTick(page, 20);
    expect(await status(page)).toBe('Cannot restore the last save: the recording is corrupted: its checksum does not match its contents');
    expect(await page.getAttribute('.loom-saves .status', 'data-problem')).toBe('true');
    expect(await page.evaluate(() => window.loom!.config.seed)).toBe(5);

    // A truncated file picked with "load…": the message, and the game that was running carries on.
    const tick = await page.evaluate(() => window.loom!.engine.tick);
    await page.setInputFiles('.loom-saves input[type=file]', { name: 'cut.loomrec', mimeType: 'application/octet-stream', buffer: Buffer.from(kept.slice(0, 100)) });
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe(`Cannot restore cut.loomrec: the recording is truncated: it has 100 of its ${kept.length} bytes`);
    await page.waitForFunction((t) => window.loom!.config.seed === 5 && window.loom!.engine.tick > t + 30, tick, { timeout: 30_000 });
    expect(errors).toEqual([]);
  }, SLOW);

  it('game over offers WATCH REPLAY: it plays the run to its end, verified, and back to game carries on where it stopped', async () => {
    const { page, errors } = await openGame('?seed=7&wave=3');
    await page.keyboard.press('KeyP');
    // Standing still without firing, the ship dies to the boss's wave.
    const over = await page.evaluate(() => {
      const { recorder, world } = window.loom!;
      for (let i = 0; i < 60 * 600 && !world.gameOver; i++) {
        recorder.step();
        world.takeEvents();
      }
      return world.gameOver;
    });
    expect(over).toBe(true);
    const before = await snapshot(page);
    const button = await page.evaluate(() => {
      const bounds = window.loom!.view.gameOver.replayButton.getBounds();
      return { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 };
    });
    await page.mouse.click(button.x, button.y);
    await page.waitForSelector('.loom-replay');
    await page.click('button[data-action="4x"]');
    await page.waitForFunction(() => document.querySelector('.loom-replay .tick')?.textContent?.startsWith('end'), null, { timeout: 90_000 });
    expect(await page.textContent('.loom-replay .tick')).toBe(`end ${before.tick} / ${before.tick}`);
    expect(await page.textContent('.loom-replay .status')).toBe(''); // no checkpoint differed
    expect((await snapshot(page)).tick).toBe(before.tick); // the game waited meanwhile

    await page.keyboard.press('Escape');
    expect(await page.$('.loom-replay')).toBeNull();
    expect(await snapshot(page)).toEqual(before);
    await page.keyboard.press('KeyP');
    await page.keyboard.press('KeyR');
    await page.waitForFunction(() => window.loom!.world.runs === 2 && !window.loom!.world.gameOver, null, { timeout: 30_000 });
    expect(errors).toEqual([]);
  }, SLOW * 2);

  it('rewind in the inspector travels back: the timeline shows the run as it was at a tick, and resumes live from there', async () => {
    const { page, errors } = await openGame('?seed=7&swarm=60');
    await page.keyboard.press('KeyP');
    await playByHand(page, 900);
    const original = await page.evaluate(() => window.loom!.recorder.recording());
    await page.keyboard.press('Backquote'); // the inspector
    await page.click('.loom-timeline button[data-action="rewind"]');
    // Sought to where the game is, paused: the inspector shows the replay's engine there, with the timeline.
    // (It shows the live game until the seek is done, then switches: wait for the switch, not only the tick.)
    await page.waitForFunction((end) => window.loom!.inspector!.engine !== window.loom!.engine && window.loom!.inspector!.engine.tick === end && !document.querySelector('.loom-timeline progress:not([hidden])'), original.ticks, { timeout: 60_000 });
    expect(await page.evaluate(() => window.loom!.inspector!.engine === window.loom!.engine)).toBe(false);

    const back = 480;
    await page.evaluate((tick) => {
      const slider = document.querySelector<HTMLInputElement>('.loom-timeline-slider')!;
      slider.value = String(tick);
      slider.dispatchEvent(new Event('change'));
    }, back);
    await page.waitForFunction((tick) => window.loom!.inspector!.engine.tick === tick, back, { timeout: 60_000 });
    const shown = await page.evaluate(() => window.loom!.inspector!.engine.threads().map((t) => `${t.id} ${t.label} ${t.stateName}`));
    const replay = new Replayer(original, (setup) => createGameSimulation(setup, { onError: () => {} }));
    replay.runTo(back);
    expect(shown).toEqual(replay.sim.engine.threads().map((t) => `${t.id} ${t.label} ${t.stateName}`));

    await page.click('.loom-timeline button[data-action="resume-live"]');
    await page.waitForFunction((tick) => window.loom!.engine.tick === tick && !document.querySelector('.loom-replay'), back, { timeout: 60_000 });
    expect(await status(page)).toBe(`restored from tick ${back} at tick ${back}`);
    expect(await page.evaluate(() => window.loom!.inspector!.engine === window.loom!.engine)).toBe(true);
    // The branch carries on: the same input as the original run after the cut gives its hashes again.
    const branched = await page.evaluate(() => window.loom!.recorder.recording().checkpoints.map((c) => `${c.tick}:${c.hash}`));
    expect(branched).toEqual(original.checkpoints.filter((c) => c.tick <= back).map((c) => `${c.tick}:${c.hash}`));
    expect(errors).toEqual([]);
  }, SLOW);
});
