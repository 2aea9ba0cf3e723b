import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { encodeRecording } from '../../engine/index.ts';
import { playScripted, recordGame } from '../../game/headless/session.ts';
import { describeBrowser, openReady, useServedProject, type ReadyPage } from '../support/browser.ts';

/** Software WebGL on a shared machine can be slow: a test may take this long. */
const SLOW = 90_000;

/** Ten seconds of the sample game recorded headless in Node. */
function recordTenSeconds(): Uint8Array {
  const { sim, recorder } = recordGame({ seed: 7, swarm: 60 });
  playScripted(sim, recorder, 600);
  return encodeRecording(recorder.recording());
}

describeBrowser('watching a replay (?replay=)', () => {
  const project = useServedProject();

  /** Serves the recording beside the build (same-origin, as a strict CSP wants) and opens it paused. */
  async function open(bytes: Uint8Array, name: string): Promise<ReadyPage> {
    await writeFile(join(project.outDir, name), bytes);
    return openReady(await project.browser.newPage({ viewport: { width: 1280, height: 720 } }), `${project.url}?replay=${name}&paused`);
  }

  const tick = (page: Page): Promise<number> => page.evaluate(() => window.loomReplay!.playback.replayer.tick);

  it('plays a recording made headless, pauses, steps a tick at a time, plays at 4x to its end, matching every checkpoint', async () => {
    const bytes = recordTenSeconds();
    const { page, errors } = await open(bytes, 'ten-seconds.loomrec');
    expect(await tick(page)).toBe(0); // &paused: it waits
    await page.click('button[data-action="pause"]'); // now labelled play
    await page.waitForFunction(() => window.loomReplay!.playback.replayer.tick >= 30, null, { timeout: 30_000 });
    await page.click('button[data-action="pause"]');
    const paused = await tick(page);
    await page.waitForTimeout(300);
    expect(await tick(page)).toBe(paused);
    await page.click('button[data-action="step"]');
    await page.keyboard.press('Period');
    expect(await tick(page)).toBe(paused + 2);
    expect(await page.textContent('.loom-replay .tick')).toBe(`tick ${paused + 2} / 600`);

    await page.click('button[data-action="4x"]');
    expect(await page.getAttribute('button[data-action="4x"]', 'aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.loomReplay!.playback.done, null, { timeout: 60_000 });
    const state = await page.evaluate(() => {
      const { playback, engine, world } = window.loomReplay!;
      return { speed: playback.speed, tick: engine.tick, runs: world.runs, player: world.player?.kind, divergence: playback.replayer.divergence };
    });
    expect(state).toEqual({ speed: 4, tick: 600, runs: 1, player: 'player', divergence: null });
    expect(await page.textContent('.loom-replay .tick')).toBe('end 600 / 600');
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('says what is wrong with a truncated recording instead of failing', async () => {
    const bytes = recordTenSeconds();
    const { page } = await open(bytes.slice(0, 200), 'truncated.loomrec');
    expect(await page.textContent('.loom-replay-error')).toBe(`Cannot play this replay: the recording is truncated: it has 200 of its ${bytes.length} bytes`);
    await page.close();
  }, SLOW);
});
