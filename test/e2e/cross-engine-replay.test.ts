import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Random } from '../../engine/index.ts';
import { bundleForPage } from '../support/page-bundle.ts';
import { resultBits } from '../support/math-in-page.ts';
import type { PageRecording } from '../support/record-in-page.ts';
import { REPO_ROOT, describeBrowser, launchChromium } from '../support/browser.ts';
import { verifyGameRecording } from '../support/verify-game-recording.ts';

/** 30 s of game time at 60 ticks a second. */
const TICKS = 1800;
const SEED = 7;
const SWARM = 120;
/** Bundling the game and software Chromium on a shared machine can be slow. */
const SLOW = 120_000;

declare global {
  interface Window {
    crossEngine?: typeof import('../support/record-in-page.ts');
    crossEngineMath?: typeof import('../support/math-in-page.ts');
  }
}

describeBrowser('the same bits in Chromium and in Node', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** A blank page running `entry` (a module under test/support/), bundled, its exports on `window[global]`. */
  async function pageRunning(entry: string, global: string): Promise<Page> {
    const script = await bundleForPage(resolve(REPO_ROOT, 'test/support', entry), global);
    const page = await browser.newPage();
    await page.addScriptTag({ content: script });
    return page;
  }

  it('detMath: every result of 20,000 arguments, from game angles to huge ones, has the same bits', async () => {
    const random = new Random(5);
    const a = Array.from({ length: 20_000 }, (_, i) => (random.next() - 0.5) * 10 ** (i % 8) * (i % 97 === 0 ? 1e290 : 1));
    const b = a.map(() => (random.next() - 0.5) * 2000);
    const page = await pageRunning('math-in-page.ts', 'crossEngineMath');
    const inChromium = await page.evaluate(([x, y]) => window.crossEngineMath!.resultBits(x!, y!), [a, b]);
    const inNode = resultBits(a, b);
    for (const name of ['detMath.sin', 'detMath.cos', 'detMath.atan', 'detMath.atan2', 'detMath.hypot'] as const) {
      expect([name, inChromium[name]]).toEqual([name, inNode[name]]);
    }
    await page.close();
  }, SLOW);

  it('a recording of 30 s of the sample game made in Chromium replays in Node: every checkpoint hash matches, and the final hash', async () => {
    const page = await pageRunning('record-in-page.ts', 'crossEngine');
    const recorded: PageRecording = await page.evaluate(([seed, swarm, ticks]) => window.crossEngine!.recordScriptedGame(seed!, swarm!, ticks!), [SEED, SWARM, TICKS]);
    await page.close();

    expect(recorded.score).toBeGreaterThan(0);
    expect(recorded.wave).toBeGreaterThanOrEqual(2);
    const check = verifyGameRecording(Uint8Array.from(recorded.bytes));
    expect(check.divergence).toBeNull();
    expect(check.ticks).toBe(TICKS);
    expect(check.checked).toBe(TICKS / 60);
    expect(check.finalHash).toBe(recorded.finalHash);
  }, SLOW);
});
