import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { bundleForPage } from '../support/page-bundle.ts';
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
  }
}

describeBrowser('a recording made in Chromium replays in Node', () => {
  it('30 s of the sample game with the scripted player: every checkpoint hash matches, and the final hash', async () => {
    const script = await bundleForPage(resolve(REPO_ROOT, 'test/support/record-in-page.ts'), 'crossEngine');
    const browser = await launchChromium();
    let recorded: PageRecording;
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: script });
      recorded = await page.evaluate(([seed, swarm, ticks]) => window.crossEngine!.recordScriptedGame(seed!, swarm!, ticks!), [SEED, SWARM, TICKS]);
    } finally {
      await browser.close();
    }

    expect(recorded.score).toBeGreaterThan(0);
    expect(recorded.wave).toBeGreaterThanOrEqual(2);
    const check = verifyGameRecording(Uint8Array.from(recorded.bytes));
    expect(check.divergence).toBeNull();
    expect(check.ticks).toBe(TICKS);
    expect(check.checked).toBe(TICKS / 60);
    expect(check.finalHash).toBe(recorded.finalHash);
  }, SLOW);
});
