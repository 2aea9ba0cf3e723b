import type { CDPSession, Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SourceMap, parseSourceMap } from '../../inspector/source-map.ts';
import { describeBrowser, openReady, useServedProject } from '../support/browser.ts';
import { DRILL, breakOnDrillFailure, drillAncestry, drillLine } from '../support/drill.ts';

/** Steps into calls from the engine's pause at most this often looking for the script, before giving up. */
const MAX_STEPS = 200;
/** Software WebGL on two shared cores can be slow: a test may take this long. */
const SLOW = 120_000;

describeBrowser('script stack traces and the debugger hook in the built game', () => {
  const project = useServedProject();
  let page: Page;
  let errors: string[];

  beforeEach(async () => {
    ({ page, errors } = await openReady(await project.browser.newPage({ viewport: { width: 1600, height: 900 } }), `${project.url}?seed=7`));
  });

  afterEach(async () => {
    await page.close();
  });

  it('breaks on the drill\'s failure and shows its stack, three sub-scripts deep, in TypeScript lines', { timeout: SLOW }, async () => {
    await breakOnDrillFailure(page);
    const label = await page.locator('.loom-details-label').textContent();
    expect(label).toMatch(/^#\d+ marcher$/);
    const spawned = await page.locator('.loom-field', { hasText: 'spawned' }).locator('.loom-dim').textContent();
    expect(spawned).toMatch(drillAncestry());
    expect(await page.locator('.loom-error').textContent()).toBe('Error: the drill tripped');
    expect(errors.filter((error) => !error.includes('the drill tripped'))).toEqual([]);
  });

  it('stops in the script under a DevTools protocol session when asked to break before its next resume', { timeout: SLOW }, async () => {
    const cdp = await page.context().newCDPSession(page);
    const scripts = new Map<string, string>();
    cdp.on('Debugger.scriptParsed', (script) => scripts.set(script.scriptId, script.url));
    const paused = pauses(cdp);
    await cdp.send('Debugger.enable');
    await page.evaluate(async () => {
      const drill = window.loom!.drill();
      while (drill.children.length === 0) await new Promise(requestAnimationFrame);
      window.loom!.engine.breakBeforeResume(drill.children[0]!);
    });
    const stops = await stepIntoDrill(cdp, paused, scripts, project.url);
    expect(stops[0], stops.join('\n')).toMatch(/engine\/core\/switch\.ts:\d+$/); // the engine's debugger statement
    // The step lands on the first statement after the wait it resumes from.
    expect(stops.at(-1)).toBe(`${DRILL}:${drillLine("throw new Error('the drill tripped')")}`);
  });
});

interface Paused {
  callFrames: { location: { scriptId: string; lineNumber: number; columnNumber?: number } }[];
}

/** The protocol's pauses, in order, from when it was made: each `next()` waits for the one after the last taken. */
function pauses(cdp: CDPSession): { next(): Promise<Paused> } {
  const queue: Paused[] = [];
  let waiting: ((paused: Paused) => void) | null = null;
  cdp.on('Debugger.paused', (paused: Paused) => {
    if (waiting) {
      waiting(paused);
      waiting = null;
    } else queue.push(paused);
  });
  return { next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((resolve) => (waiting = resolve))) };
}

/**
 * Steps into calls from the pause until the top frame is in the drill's source, resumes, and returns where each
 * pause was, source-mapped (`file:line`).
 */
async function stepIntoDrill(cdp: CDPSession, paused: { next(): Promise<Paused> }, scripts: Map<string, string>, origin: string): Promise<string[]> {
  const maps = new Map<string, SourceMap>();
  const stops: string[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const { scriptId, lineNumber, columnNumber = 0 } = (await paused.next()).callFrames[0]!.location;
    const url = scripts.get(scriptId) ?? '';
    if (!maps.has(url)) maps.set(url, new SourceMap(parseSourceMap(await (await fetch(`${url}.map`)).text()), `${url}.map`));
    const at = maps.get(url)!.lookup(lineNumber + 1, columnNumber + 1);
    stops.push(at ? `${at.file.replace(origin, '')}:${at.line}` : `${url}:${lineNumber + 1}`);
    if (at?.file.endsWith(DRILL)) break;
    await cdp.send('Debugger.stepInto');
  }
  await cdp.send('Debugger.resume');
  return stops;
}
