import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Replayer, decodeRecording, encodeRecording, type Recording } from '../../engine/index.ts';
import { playScripted, recordGame } from '../../game/headless/session.ts';
import { createGameSimulation } from '../../game/headless/simulation.ts';
import { describeBrowser, openReady, useServedProject } from '../support/browser.ts';

/** Software WebGL on a shared, loaded machine draws slowly: a test may take this long. */
const SLOW = 300_000;
const END = 1200;
const BACK = 300;
const ROWS = '.loom-list-layer .loom-row:visible';

/** Twenty seconds of the sample game with the scripted player, recorded headless in Node. */
function recordTwentySeconds(): Recording {
  const { sim, recorder } = recordGame({ seed: 7, swarm: 500 });
  playScripted(sim, recorder, END);
  return recorder.recording();
}

/** Every thread of a headless replay of `recording` at `tick`, as the inspector lists it. */
function threadsAt(recording: Recording, tick: number): { id: number; name: string; state: string; waitingOn: string }[] {
  const replayer = new Replayer(recording, createGameSimulation);
  replayer.runTo(tick);
  return replayer.sim.engine.threads().map((t) => ({ id: t.id, name: t.name, state: t.stateName, waitingOn: t.waitingOn }));
}

describeBrowser('time travel in the inspector (the replay page)', () => {
  const project = useServedProject();

  it('scrubs to a past tick (re-simulated in slices, with progress), shows the threads as they were, steps, and resumes live', async () => {
    const recording = recordTwentySeconds();
    await writeFile(join(project.outDir, 'twenty-seconds.loomrec'), encodeRecording(recording));
    const atEnd = threadsAt(recording, END);
    const atBack = threadsAt(recording, BACK);
    // A thread alive at both ticks, waiting on something else at each: it stays selected across the seek.
    const known = atBack.find((t) => atEnd.some((e) => e.id === t.id && e.waitingOn !== t.waitingOn && e.waitingOn !== ''))!;
    const knownAtEnd = atEnd.find((t) => t.id === known.id)!;

    const { page, errors } = await openReady(await project.browser.newPage({ viewport: { width: 1280, height: 720 } }), `${project.url}?replay=twenty-seconds.loomrec&paused`);
    await page.keyboard.press('Backquote');
    await page.waitForSelector('.loom-timeline');

    /** Seeks with the slider as a user does (released at `tick`), sampling the progress bar every frame until done. */
    const seek = (tick: number) =>
      page.evaluate(
        (target) =>
          new Promise<{ hidden: boolean; value: number; where: string }[]>((resolve) => {
            const samples: { hidden: boolean; value: number; where: string }[] = [];
            const progress = document.querySelector<HTMLProgressElement>('.loom-timeline-progress')!;
            const slider = document.querySelector<HTMLInputElement>('.loom-timeline-slider')!;
            const sample = (): void => {
              samples.push({ hidden: progress.hidden === true, value: progress.value, where: document.querySelector('.loom-timeline-where')!.textContent! });
              if (window.loomReplay!.travel.seeking === null) resolve(samples);
              else requestAnimationFrame(sample);
            };
            slider.value = String(target);
            slider.dispatchEvent(new Event('change'));
            sample();
          }),
        tick,
      );

    const forward = await seek(END);
    const running = forward.slice(0, -1);
    expect(running.length).toBeGreaterThan(1); // it took several frames: the page kept drawing the bar
    expect(running.every((s) => !s.hidden && s.where.startsWith(`seeking tick 1,200 / 1,200`))).toBe(true);
    const values = running.map((s) => s.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.at(-1)).toBeGreaterThan(0);
    expect(forward.at(-1)!.hidden).toBe(true);
    expect(await page.evaluate(() => window.loomReplay!.travel.tick)).toBe(END);

    await page.fill('.loom-search', `#${known.id}`);
    await page.waitForFunction((status) => document.querySelector('.loom-status')?.textContent === status, `1 match of ${atEnd.length}`);
    await page.locator(ROWS).first().click();
    expect(await page.textContent('.loom-details-label')).toContain(`#${known.id}`);
    await page.waitForFunction((wait) => document.querySelector('.loom-wait')?.textContent?.startsWith(wait), knownAtEnd.waitingOn);

    const back = await seek(BACK);
    expect(back.at(-1)).toEqual({ hidden: true, value: 0, where: 'tick 300 / 1,200 · 5.0 s' });
    const shown = await page.evaluate(() => {
      const { engine, inspector } = window.loomReplay!;
      const threads = engine.threads().map((t) => ({ id: t.id, name: t.name, state: t.stateName, waitingOn: t.waitingOn }));
      return { tick: engine.tick, inspected: inspector.engine === engine, threads };
    });
    expect(shown).toEqual({ tick: BACK, inspected: true, threads: atBack });
    await page.waitForFunction((status) => document.querySelector('.loom-status')?.textContent === status, `1 match of ${atBack.length}`);
    expect(await page.locator(ROWS).first().locator('.loom-col-waiting-on').textContent()).toBe(known.waitingOn);
    expect(await page.textContent('.loom-details-label')).toContain(`#${known.id}`);
    expect(await page.textContent('.loom-wait')).toMatch(new RegExp(`^${known.waitingOn.replace(/[()]/g, '\\$&')}`));

    await page.click('.loom-timeline button[data-action="step"]');
    expect(await page.evaluate(() => [window.loomReplay!.travel.tick, window.loomReplay!.playback.paused])).toEqual([BACK + 1, true]);
    await page.waitForFunction(() => document.querySelector('.loom-timeline-where')?.textContent === 'tick 301 / 1,200 · 5.0 s');
    await page.click('.loom-replay button[data-action="step"]'); // the controls' step is the same step
    expect(await page.evaluate(() => window.loomReplay!.travel.tick)).toBe(BACK + 2);
    expect(errors).toEqual([]);

    await Promise.all([page.waitForURL(/\?restore=local$/, { waitUntil: 'commit', timeout: 60_000 }), page.click('.loom-timeline button[data-action="resume-live"]')]);
    const kept = await page.evaluate(() => localStorage.getItem('loom.save'));
    const branched = decodeRecording(Uint8Array.from(atob(kept!), (char) => char.charCodeAt(0)));
    expect(branched.ticks).toBe(BACK + 2);
    expect(branched.events).toEqual(recording.events.filter((event) => event.tick <= BACK + 2));
    await page.close();
  }, SLOW);
});
