import { Engine } from 'loom-threads';
import type { StressOptions } from './stress-args.ts';
import { GcWatch, type GcReport } from '../harness/gc-watch.ts';
import { checkChunkFits, checkFits, heapLimitBytes, HEAP_SHARE, settledBytes } from '../harness/memory.ts';
import type { ProgressLine } from './progress.ts';
import { Histogram, type Summary } from '../harness/stats.ts';
import { workloads, type Workload, type WorkloadName } from '../harness/workloads.ts';

/** What one stress run of one thread count measured. */
export interface StressResult {
  workload: WorkloadName;
  /** Threads asked for (the workload's own helpers, such as mixed's drummer, come on top). */
  threads: number;
  /** Live threads at the end of the run. */
  liveThreads: number;
  /** Ticks measured (after the warm-up). */
  ticks: number;
  /** Tick times, ms. */
  tick: Summary;
  /** Thread resumes during the measured ticks. */
  switches: number;
  switchesPerSecond: number;
  nsPerSwitch: number;
  /** Heap held by the running workload after a full collection, bytes (the positions buffer is off-heap). */
  heapBytes: number;
  bytesPerThread: number;
  /** Pauses seen during the measured ticks. */
  gc: GcReport;
  /** Time to spawn all threads, ms. */
  spawnMs: number;
}

/** Threads spawned per call of a workload's spawn: the heap is checked between chunks. */
export const SPAWN_CHUNK = 65_536;

// Threads spawned in the throwaway engine that measures a workload's bytes per thread before the real spawn.
const SAMPLE_THREADS = 20_000;
// Ticks the sample runs before it is weighed, so mixed has children and mailboxes in flight.
const SAMPLE_TICKS = 30;
// Head-room on the sampled bytes per thread: the real run holds garbage between collections too.
const ESTIMATE_MARGIN = 1.25;

/** Measures the workload's heap per thread on a small sample, for the up-front check. */
export function sampleBytesPerThread(workload: Workload, seed: number): number {
  const before = settledBytes();
  const engine = new Engine({ seed });
  workload.spawn(engine, SAMPLE_THREADS, new Float32Array(2 * SAMPLE_THREADS));
  for (let t = 0; t < SAMPLE_TICKS; t++) engine.step();
  const after = settledBytes();
  // Read after weighing, so the sample cannot be collected before it.
  if (engine.threadCount < SAMPLE_THREADS) throw new Error(`sampling ${workload.name}: threads ended`);
  return Math.max(0, after - before) / SAMPLE_THREADS;
}

/**
 * Spawns `count` threads of `workload` in chunks, each chunk writing its own slice of `positions` (mixed gets one
 * herd per chunk), checking the heap between chunks.
 */
export function spawnGuarded(
  engine: Engine,
  workload: Workload,
  count: number,
  positions: Float32Array,
  bytesPerThread: number,
  progress: ProgressLine | null,
): void {
  for (let spawned = 0; spawned < count; spawned += SPAWN_CHUNK) {
    const chunk = Math.min(SPAWN_CHUNK, count - spawned);
    checkChunkFits(workload.name, spawned, count, chunk, bytesPerThread);
    workload.spawn(engine, chunk, positions.subarray(2 * spawned, 2 * (spawned + chunk)));
    progress?.update(`${workload.name}: spawning ${(spawned + chunk).toLocaleString('en-US')} / ${count.toLocaleString('en-US')} threads`);
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs ticks back to back for `seconds`, yielding to the event loop every 100 ms (for GC entries and progress). */
async function tickFor(engine: Engine, seconds: number, onTick: (ms: number) => void, onPause: () => void): Promise<void> {
  const end = performance.now() + seconds * 1000;
  let nextPause = performance.now() + 100;
  let ticks = 0;
  for (;;) {
    const start = performance.now();
    engine.step();
    const now = performance.now();
    onTick(now - start);
    ticks++;
    if (now >= end && ticks >= 2) return;
    if (now >= nextPause) {
      onPause();
      await yieldToEventLoop();
      nextPause = performance.now() + 100;
    }
  }
}

/** Real seconds of warm-up before measuring: a fifth of the run, between 50 ms and 2 s. */
function warmUpSeconds(seconds: number): number {
  return Math.min(2, Math.max(0.05, seconds / 5));
}

/** Measures one thread count of one workload. Throws an OutOfHeapError (before spawning) when it cannot fit. */
export async function measureCount(options: StressOptions, count: number, progress: ProgressLine | null): Promise<StressResult> {
  const workload = workloads[options.workload];
  const estimate = sampleBytesPerThread(workload, options.seed) * ESTIMATE_MARGIN;
  checkFits(workload.name, count, estimate);

  const engine = new Engine({ seed: options.seed });
  const positions = new Float32Array(2 * count);
  const before = settledBytes(); // after the engine's fixed cost: bytes per thread count threads only
  const spawnStart = performance.now();
  spawnGuarded(engine, workload, count, positions, estimate, progress);
  const spawnMs = performance.now() - spawnStart;

  await tickFor(engine, warmUpSeconds(options.seconds), () => {}, () => progress?.update(`${workload.name} ${count.toLocaleString('en-US')}: warming up, tick ${engine.tick}`));
  const heapBytes = Math.max(0, settledBytes() - before);

  const ticks = new Histogram();
  const recent = new Float64Array(60); // the last 60 tick times, for the live line
  const switchesBefore = engine.resumes;
  const gc = GcWatch.start();
  await tickFor(
    engine,
    options.seconds,
    (ms) => {
      recent[ticks.count % recent.length] = ms;
      ticks.add(ms);
    },
    () => progress?.update(liveLine(workload.name, count, ticks, recent, options.seconds, gc.current)),
  );
  const gcReport = await gc.stop();
  const switches = engine.resumes - switchesBefore;
  const sum = ticks.sum;
  progress?.clear();
  return {
    workload: workload.name,
    threads: count,
    liveThreads: engine.threadCount,
    ticks: ticks.count,
    tick: ticks.summary(),
    switches,
    switchesPerSecond: switches / (sum / 1000),
    nsPerSwitch: (sum * 1e6) / switches,
    heapBytes,
    bytesPerThread: heapBytes / count,
    gc: gcReport,
    spawnMs,
  };
}

function liveLine(name: string, count: number, ticks: Histogram, recent: Float64Array, seconds: number, gc: Readonly<GcReport>): string {
  const n = Math.min(ticks.count, recent.length);
  let recentSum = 0;
  for (let i = 0; i < n; i++) recentSum += recent[i]!;
  const elapsed = Math.min(seconds, ticks.sum / 1000);
  return (
    `${name} ${count.toLocaleString('en-US')} threads | tick ${ticks.count.toLocaleString('en-US')} | ` +
    `${(recentSum / Math.max(1, n)).toFixed(3)} ms/tick (last ${n}) | ${elapsed.toFixed(1)} s of ticks | ` +
    `GC ${gc.pauses} pauses, ${gc.major} major`
  );
}

/** The largest thread count that fits the heap at `bytesPerThread` (within the planned share). */
export function heapCapacity(bytesPerThread: number): number {
  return bytesPerThread > 0 ? Math.floor((heapLimitBytes() * HEAP_SHARE) / bytesPerThread) : Infinity;
}
