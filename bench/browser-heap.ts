// Heap per parked thread in Chromium, where the game runs: the probes of memory-probe.ts, bundled and run in a blank
// page each, weighed through the DevTools protocol. Chromium's V8 compresses pointers to 4 bytes, Node's does not.
import { resolve } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import type { CallSites } from 'loom-threads';
import { bundleForPage } from '../test/support/page-bundle.ts';
import type { ProbeSide } from './parked-population.ts';

/** One probe's figure: bytes a parked thread (or bare generator) adds to the page's heap. */
export interface BrowserHeapFigure {
  side: ProbeSide;
  callSites: CallSites;
  bytesPerThread: number;
}

interface PageGlobal {
  loomHeapProbe: typeof import('./heap-page.ts');
}

// The page's heap in use, typed arrays' storage included, after a full collection.
async function settledBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

async function weigh(browser: Browser, code: string, side: ProbeSide, count: number, callSites: CallSites): Promise<BrowserHeapFigure> {
  const page = await browser.newPage();
  try {
    await page.goto('about:blank');
    await page.addScriptTag({ content: code });
    const cdp = await page.context().newCDPSession(page);
    // Each function runs in the page, so each names the probe itself.
    const args = { side, count, callSites };
    await page.evaluate(({ side, count, callSites }) => (globalThis as unknown as PageGlobal).loomHeapProbe.setUp(side, count, callSites), args);
    const before = await settledBytes(cdp);
    await page.evaluate(() => (globalThis as unknown as PageGlobal).loomHeapProbe.park());
    const after = await settledBytes(cdp);
    const kept = await page.evaluate(() => (globalThis as unknown as PageGlobal).loomHeapProbe.check());
    if (!kept) throw new Error(`bench:browser: the ${side} probe lost threads`);
    return { side, callSites, bytesPerThread: (after - before) / count };
  } finally {
    await page.close();
  }
}

/** Weighs `count` parked threads of each probe, each in a fresh page. */
export async function browserHeapFigures(browser: Browser, count: number): Promise<BrowserHeapFigure[]> {
  const code = await bundleForPage(resolve(import.meta.dirname, 'heap-page.ts'), 'loomHeapProbe');
  const probes: [ProbeSide, CallSites][] = [['engine', 'off'], ['engine', 'frames'], ['floor', 'off'], ['op-floor', 'off']];
  const figures: BrowserHeapFigure[] = [];
  for (const [side, callSites] of probes) figures.push(await weigh(browser, code, side, count, callSites));
  return figures;
}
