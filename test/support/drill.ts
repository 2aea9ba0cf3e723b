// The game's fault drill (game/scripts/drill.ts) as the browser tests use it: its lines, and a break on its failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from './browser.ts';

/** The fault drill's script (`loom.drill()`): a child thread that fails three sub-scripts deep. */
export const DRILL = 'game/scripts/drill.ts';
const DRILL_SOURCE = readFileSync(join(REPO_ROOT, DRILL), 'utf8').split('\n');

/** The 1-based line of game/scripts/drill.ts that holds `code`. */
export function drillLine(code: string): number {
  const index = DRILL_SOURCE.findIndex((text) => text.includes(code));
  expect(index, code).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** The drill's failed stack as the inspector lists it, innermost first, in TypeScript lines. */
export function drillFrames(): string[] {
  return [
    `trip ${DRILL}:${drillLine("throw new Error('the drill tripped')")}`,
    `stride ${DRILL}:${drillLine('yield* trip()')}`,
    `march ${DRILL}:${drillLine('yield* stride()')}`,
    `marcher ${DRILL}:${drillLine('yield* march()')}`,
  ];
}

/** How the inspector shows where the marcher was spawned: by the drill, which the host spawned. */
export function drillAncestry(): RegExp {
  return new RegExp(`^#\\d+ marcher ← spawned by #\\d+ drill at ${DRILL}:${drillLine('yield* spawn(marcher)')} ← spawned by the host at game/app\\.ts:\\d+$`);
}

/**
 * Opens the inspector on the game's page, turns "break on error" on and starts the drill: resolves once the engine
 * has paused on the marcher's failure, with it selected, and the inspector lists its stack as `drillFrames()`.
 */
export async function breakOnDrillFailure(page: Page): Promise<void> {
  await page.keyboard.press('Backquote');
  await page.locator('.loom-break-toggle').click();
  await page.evaluate(() => void window.loom!.drill());
  await expect.poll(() => page.evaluate(() => window.loom!.engine.paused), { timeout: 30_000 }).toBe(true);
  // Positions the runtime gave are source-mapped once their file's map has been fetched.
  await expect.poll(() => page.locator('.loom-details .loom-stack > li').allTextContents(), { timeout: 20_000 }).toEqual(drillFrames());
}
