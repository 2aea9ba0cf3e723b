// `npm run bench:browser`: script time per frame of `frame` and `sleepers` in headless Chromium (the stress page,
// stress.html, from a production build), next to the same workloads ticked at 60 Hz in this Node process; then the
// heap per parked thread in Chromium (browser-heap.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { Engine } from 'loom-threads';
import type { Measurement } from '../game/stress/frame-stats.ts';
import { launchChromium, servePreview } from '../test/support/browser.ts';
import { browserHeapFigures, type BrowserHeapFigure } from './browser-heap.ts';
import type { ProbeSide } from './parked-population.ts';
import { formatMarkdownTable, formatTable, grouped, sig } from '../harness/format.ts';
import { median } from '../harness/stats.ts';
import { workloads, type WorkloadName } from '../harness/workloads.ts';

const PROBE_NAMES: Record<ProbeSide, string> = {
  engine: 'sleepers script (yield* sleep)',
  starless: 'sleepers script (yield sleep)',
  floor: 'bare generators, calendar queue',
  'op-floor': 'bare generators making an op per sleep, yield*',
};

const CASES: [WorkloadName, number][] = [
  ['frame', 10_000],
  ['frame', 100_000],
  ['sleepers', 10_000],
  ['sleepers', 100_000],
];
const ROUNDS = 3;
const PARKED = 1_000_000;
const SECONDS = 3;
const FRAME_MS = 1000 / 60;

/**
 * Engine ms per tick of a workload in Node: paced at 60 Hz like a browser frame loop (one tick per frame), or
 * back to back like `npm run stress`.
 */
async function nodeMsPerTick(workload: WorkloadName, threads: number, seconds: number, paced: boolean): Promise<number> {
  const engine = new Engine({ seed: 1 });
  workloads[workload].spawn(engine, threads, new Float32Array(2 * threads).fill(Number.NaN));
  const frames = Math.round(seconds * 60);
  let total = 0;
  let next = performance.now();
  for (let frame = -60; frame < frames; frame++) {
    const start = performance.now();
    engine.step();
    if (frame >= 0) total += performance.now() - start;
    if (!paced) continue;
    next += FRAME_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  return total / frames;
}

interface Row {
  workload: WorkloadName;
  threads: number;
  browserMsPerFrame: number;
  browserMsPerTick: number;
  ticksPerFrame: number;
  nodePacedMsPerTick: number;
  nodeBackToBackMsPerTick: number;
}

const preview = await servePreview();
const browser = await launchChromium();
const rows: Row[] = [];
let heap: BrowserHeapFigure[];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${preview.url}stress.html?threads=1000&workload=frame&render=0`);
  await page.waitForFunction(() => (window.loomStress?.stats().frames ?? 0) > 5, undefined, { timeout: 60_000 });
  for (const [workload, threads] of CASES) {
    const browserRounds: Measurement[] = [];
    const pacedRounds: number[] = [];
    const backToBackRounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      browserRounds.push(
        await page.evaluate(async ({ config, seconds }) => {
          const stress = window.loomStress!;
          await stress.restart(config);
          await stress.measure(1); // warm-up: the JIT settles, the first sleepers wake
          return stress.measure(seconds);
        }, { config: { threads, workload, render: false, budgetMs: 0 }, seconds: SECONDS }),
      );
      pacedRounds.push(await nodeMsPerTick(workload, threads, SECONDS, true));
      backToBackRounds.push(await nodeMsPerTick(workload, threads, SECONDS, false));
    }
    const row: Row = {
      workload,
      threads,
      browserMsPerFrame: median(browserRounds.map((m) => m.scriptMsPerFrame)),
      browserMsPerTick: median(browserRounds.map((m) => m.scriptMsPerTick)),
      ticksPerFrame: median(browserRounds.map((m) => m.ticks / m.frames)),
      nodePacedMsPerTick: median(pacedRounds),
      nodeBackToBackMsPerTick: median(backToBackRounds),
    };
    console.error(`${workload} ${grouped(threads)}: browser ${sig(row.browserMsPerTick)} ms/tick, node ${sig(row.nodePacedMsPerTick)} ms/tick`);
    rows.push(row);
  }
  if (errors.length > 0) throw new Error(`the stress page reported errors:\n${errors.join('\n')}`);
  console.error(`heap per parked thread: ${grouped(PARKED)} threads, a fresh page per probe`);
  heap = await browserHeapFigures(browser, PARKED);
} finally {
  await browser.close();
  await preview.close();
}

const headers = [
  'workload', 'threads', 'browser ms/frame', 'browser ms/tick', 'ticks/frame',
  'node ms/tick (60 Hz)', 'browser/node', 'node ms/tick (back to back)', 'browser/node b2b',
];
const cells = rows.map((r) => [
  r.workload,
  grouped(r.threads),
  sig(r.browserMsPerFrame),
  sig(r.browserMsPerTick),
  r.ticksPerFrame.toFixed(2),
  sig(r.nodePacedMsPerTick),
  `${(r.browserMsPerTick / r.nodePacedMsPerTick).toFixed(2)}x`,
  sig(r.nodeBackToBackMsPerTick),
  `${(r.browserMsPerTick / r.nodeBackToBackMsPerTick).toFixed(2)}x`,
]);
const title = `Loom in headless Chromium (stress.html, production build, rendering off, one tick per frame) vs Node ` +
  `${process.version} (paced at 60 Hz, and back to back); medians of ${ROUNDS} rounds of ${SECONDS} s`;
const floorBytes = heap.find((figure) => figure.side === 'floor')!.bytesPerThread;
const heapHeaders = ['probe', 'callSites', 'B/thread', 'ratio to bare generators', 'target ≤ 256 B'];
const heapCells = heap.map((figure) => [
  PROBE_NAMES[figure.side],
  figure.side === 'engine' ? figure.callSites : '-',
  figure.bytesPerThread.toFixed(0),
  `${(figure.bytesPerThread / floorBytes).toFixed(2)}x`,
  figure.side === 'engine' ? (figure.bytesPerThread <= 256 ? 'yes' : 'NO') : '-',
]);
const heapTitle = `Heap per parked thread in headless Chromium: ${grouped(PARKED)} sleepers after 1,500 ticks, bodies not ` +
  'counted, heap and typed arrays after a full collection (DevTools protocol), a fresh page per probe';
console.log(`${title}\n\n${formatTable(headers, cells)}\n\n${heapTitle}\n\n${formatTable(heapHeaders, heapCells)}`);
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/browser.md',
  `# ${title}\n\n${formatMarkdownTable(headers, cells)}\n\n# ${heapTitle}\n\n${formatMarkdownTable(heapHeaders, heapCells)}\n`,
);
console.log('\nWrote bench/results/browser.md');
