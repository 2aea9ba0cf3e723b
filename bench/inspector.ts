// `npm run bench:inspector`: what leaving the inspector open costs in headless Chromium, on the stress page
// (stress.html, production build, rendering off): script time per frame and frames per second with the inspector
// closed and open, in alternating stretches of the same run. `npm run bench:accounting` measures the same in Node.
import { mkdir, writeFile } from 'node:fs/promises';
import type { Measurement } from '../game/stress/frame-stats.ts';
import { launchChromium, servePreview } from '../test/support/browser.ts';
import { formatMarkdownTable, formatTable, grouped, sig } from '../harness/format.ts';
import { median } from '../harness/stats.ts';
import type { WorkloadName } from '../harness/workloads.ts';

const CASES: [WorkloadName, number][] = [
  ['frame', 10_000],
  ['frame', 100_000],
  ['sleepers', 1_000_000],
];
const ROUNDS = 3;
const SECONDS = 3;

interface Paired {
  closed: Measurement[];
  open: Measurement[];
  dropped: number;
}

const preview = await servePreview();
const browser = await launchChromium();
const rows: string[][] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${preview.url}stress.html?threads=1000&workload=frame&render=0`);
  await page.waitForFunction(() => (window.loomStress?.stats().frames ?? 0) > 5, undefined, { timeout: 60_000 });
  for (const [workload, threads] of CASES) {
    const paired: Paired = await page.evaluate(async ({ config, rounds, seconds }) => {
      const stress = window.loomStress!;
      await stress.restart(config);
      await stress.measure(1); // warm-up: the JIT settles, the first sleepers wake
      const result: Paired = { closed: [], open: [], dropped: 0 };
      const before = stress.stats().dropped;
      for (let round = 0; round < rounds; round++) {
        for (const open of round % 2 === 0 ? [false, true] : [true, false]) {
          if (stress.inspector.isOpen !== open) stress.inspector.toggle();
          await stress.measure(0.5); // the panel lays itself out; its first census sweeps run
          (open ? result.open : result.closed).push(await stress.measure(seconds));
        }
      }
      if (stress.inspector.isOpen) stress.inspector.toggle();
      result.dropped = stress.stats().dropped - before;
      return result;
    }, { config: { threads, workload, render: false, budgetMs: 0 }, rounds: ROUNDS, seconds: SECONDS });
    const closedMs = median(paired.closed.map((m) => m.scriptMsPerFrame));
    const openMs = median(paired.open.map((m) => m.scriptMsPerFrame));
    const ratio = median(paired.open.map((m, i) => m.scriptMsPerFrame / paired.closed[i]!.scriptMsPerFrame));
    // Per tick too: a longer frame runs more ticks, so the per-frame figure also counts what the open panel adds to
    // the frame (its drawing and layout), on top of what accounting adds to each tick. Medians over frames: a frame
    // preempted on a shared machine moves a mean.
    const tickRatio = median(paired.open.map((m, i) => m.medianMsPerTick / paired.closed[i]!.medianMsPerTick));
    const fps = (ms: Measurement[]): string => (1000 / median(ms.map((m) => m.frameMs))).toFixed(0);
    rows.push([workload, grouped(threads), sig(closedMs), sig(openMs), `${ratio.toFixed(2)}x`, `${tickRatio.toFixed(2)}x`, fps(paired.closed), fps(paired.open), String(paired.dropped)]);
    console.error(`${workload} ${grouped(threads)}: closed ${sig(closedMs)} ms, open ${sig(openMs)} ms a frame`);
  }
  if (errors.length > 0) throw new Error(`the stress page reported errors:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  await preview.close();
}

const headers = ['workload', 'threads', 'closed ms/frame', 'open ms/frame', 'open / closed', 'median per tick', 'closed fps', 'open fps', 'ticks dropped'];
const title = `The inspector's cost in headless Chromium (stress.html, production build, rendering off): engine time per ` +
  `frame, closed and open, medians of ${ROUNDS} alternating stretches of ${SECONDS} s each`;
console.log(`${title}\n\n${formatTable(headers, rows)}`);
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/inspector.md', `# ${title}\n\n${formatMarkdownTable(headers, rows)}\n`);
console.log('\nWrote bench/results/inspector.md');
