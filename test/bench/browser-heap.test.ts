import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserHeapFigures } from '../../bench/browser-heap.ts';
import { describeBrowser, launchChromium } from '../support/browser.ts';

describeBrowser('heap per parked thread in Chromium (bench:browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('weighs each probe in a page of its own: the engine above the op floor, above bare generators', async () => {
    const figures = await browserHeapFigures(browser, 20_000);
    const bytes = Object.fromEntries(figures.map((figure) => [`${figure.side} ${figure.callSites}`, figure.bytesPerThread]));
    expect(Object.keys(bytes)).toEqual(['engine off', 'engine frames', 'floor off', 'op-floor off']);
    // Compressed pointers: a bare generator weighs well under Node's 162 B, and the engine's thread adds to it.
    expect(bytes['floor off']).toBeGreaterThan(40);
    expect(bytes['floor off']).toBeLessThan(130);
    expect(bytes['op-floor off']).toBeGreaterThan(bytes['floor off']!);
    expect(bytes['engine off']).toBeGreaterThan(bytes['op-floor off']! + 30);
    expect(bytes['engine frames']).toBeGreaterThanOrEqual(bytes['engine off']! - 2);
  }, 120_000);
});
