import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  collectConsoleErrors,
  countPixelsNear,
  describeBrowser,
  readCanvasPixels,
  saveArtifact,
  useServedProject,
} from '../support/browser.ts';
import type { Measurement } from '../../game/stress/frame-stats.ts';

/** The critter sprite's key colour (assets/README.md): each live thread draws one. */
const CRITTER_VIOLET: [number, number, number] = [0xa9, 0x8b, 0xff];

describeBrowser('stress page (stress.html)', () => {
  const project = useServedProject();

  /** Opens the page with URL parameters and waits until its run has drawn `frames` frames. */
  async function openStress(query: string, frames: number): Promise<{ page: Page; errors: string[] }> {
    const page = await project.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectConsoleErrors(page);
    await page.goto(`${project.url}stress.html${query}`);
    await page.waitForFunction((n) => (window.loomStress?.stats().frames ?? 0) >= n, frames, { timeout: 30_000 });
    return { page, errors };
  }

  it('runs 100k threads, each drawing a sprite, with sane live metrics and no console errors', async () => {
    const { page, errors } = await openStress('?threads=100000&workload=frame&render=1', 20);
    const stats = await page.evaluate(() => window.loomStress!.stats());
    expect(stats.config).toEqual({ threads: 100_000, workload: 'frame', render: true, budgetMs: 0 });
    expect(stats.rendering).toBe(true);
    expect(stats.threads).toBe(100_000);
    expect(stats.ticks).toBeGreaterThan(0);
    expect(stats.scriptMs).toBeGreaterThan(0);
    expect(Number.isFinite(stats.scriptMs)).toBe(true);
    expect(stats.frameMs).toBeGreaterThan(0);
    // The sprites are on screen: many critter-violet pixels over the dark floor.
    const pixels = await readCanvasPixels(page, '#stage canvas');
    expect(countPixelsNear(pixels, CRITTER_VIOLET, 24)).toBeGreaterThan(5000);
    // The charts have plotted the run: the live-threads readout shows it.
    await expect.poll(() => page.locator('.chart-latest').nth(2).textContent()).toMatch(/^100k/);
    await saveArtifact('stress.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('measures the script time per frame of frame and sleepers at 10k and 100k threads (printed, not asserted)', async () => {
    const { page, errors } = await openStress('?threads=10000&workload=frame&render=0', 5);
    const rows: (Measurement & { workload: string })[] = [];
    for (const workload of ['frame', 'sleepers'] as const) {
      for (const threads of [10_000, 100_000]) {
        const measured = await page.evaluate(async (config) => {
          const stress = window.loomStress!;
          await stress.restart(config);
          await stress.measure(0.5); // warm-up: the JIT settles, the first sleepers wake
          return stress.measure(2);
        }, { threads, workload, render: false });
        expect(measured.frames).toBeGreaterThan(0);
        expect(measured.threads).toBe(threads);
        rows.push({ workload, ...measured });
      }
    }
    const table = rows.map((r) =>
      `${r.workload.padEnd(9)} ${String(r.threads).padStart(7)} threads: ${r.scriptMsPerFrame.toFixed(3)} ms script/frame, ` +
      `${r.scriptMsPerTick.toFixed(3)} ms/tick, ${(r.ticks / r.frames).toFixed(2)} ticks/frame, ${r.frameMs.toFixed(1)} ms/frame`);
    console.log(`Chromium script time per frame (rendering off):\n${table.join('\n')}`);
    await saveArtifact('stress-timings.json', JSON.stringify(rows, null, 2));
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('runs 100k frame threads and 1M sleepers with the inspector open, saying how exact its times are; prints what it costs (not asserted)', async () => {
    const { page, errors } = await openStress('?threads=10000&workload=frame&render=0', 5);
    const lines: string[] = [];
    for (const [workload, threads] of [['frame', 100_000], ['sleepers', 1_000_000]] as const) {
      const paired = await page.evaluate(async (config) => {
        const stress = window.loomStress!;
        await stress.restart(config);
        await stress.measure(0.5); // warm-up: the JIT settles, the first sleepers wake
        const closed = await stress.measure(1.5);
        stress.inspector.toggle();
        await stress.measure(0.5); // the panel lays itself out; its first census sweeps run
        const open = await stress.measure(1.5);
        const exactness = document.querySelector('.loom-exactness')?.textContent ?? '';
        stress.inspector.toggle();
        return { closed, open, exactness };
      }, { threads, workload, render: false });
      expect([paired.closed.threads, paired.open.threads]).toEqual([threads, threads]);
      expect(paired.open.frames).toBeGreaterThan(0);
      expect(paired.exactness).toMatch(/^sampled: threads over 0\.1 ms a resume are timed at every resume; others at 1 resume in 4,096/);
      const ratio = (paired.open.scriptMsPerFrame / paired.closed.scriptMsPerFrame).toFixed(2);
      const fps = (m: Measurement): string => (1000 / m.frameMs).toFixed(0);
      lines.push(`${workload.padEnd(9)} ${String(threads).padStart(7)} threads: ${paired.closed.scriptMsPerFrame.toFixed(2)} ms closed, ` +
        `${paired.open.scriptMsPerFrame.toFixed(2)} ms open a frame (${ratio}x); ${fps(paired.closed)} fps closed, ${fps(paired.open)} fps open`);
    }
    console.log(`Chromium, the inspector closed and open (rendering off; npm run bench:inspector measures it properly):\n${lines.join('\n')}`);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
