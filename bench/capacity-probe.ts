// Weighs a live engine before and after a peak of threads, in a process of its own:
// `node --expose-gc --import tsx bench/capacity-probe.ts PEAK`. A fresh process keeps the figure clean (see
// memory-probe.ts); the figure is the process's settled heap, so the engine's share of it is what moves.
import { Engine, sleep } from 'loom-threads';
import { settledBytes } from '../harness/memory.ts';

/** What the probe prints, as JSON on one line. */
export interface CapacityProbeResult {
  peak: number;
  /** Settled heap, typed arrays included, with the engine running its few threads: bytes. */
  start: number;
  /** The same once the peak's threads have all ended, `TICKS_AFTER` ticks later: bytes. */
  after: number;
}

/** The threads that outlive the peak. */
const FEW = 8;
/** Ticks run after the last thread of the peak ends: two seconds at 60 Hz. */
const TICKS_AFTER = 120;

function* resident() {
  while (true) yield* sleep(1);
}

function* brief() {
  yield;
  yield* sleep(0.1);
}

/** Runs `peak` brief threads on `engine` until only its `FEW` residents are left. */
function runPeak(engine: Engine, peak: number): void {
  for (let i = 0; i < peak; i++) engine.spawn(brief);
  while (engine.threadCount > FEW) engine.step();
}

function withResidents(): Engine {
  const engine = new Engine({ seed: 1 });
  for (let i = 0; i < FEW; i++) engine.spawn(resident);
  for (let t = 0; t < TICKS_AFTER; t++) engine.step();
  return engine;
}

function probe(peak: number): CapacityProbeResult {
  // A peak on an engine then dropped compiles the code the measured peak runs, so both figures hold it.
  runPeak(withResidents(), peak / 5);
  const engine = withResidents();
  const start = settledBytes();
  runPeak(engine, peak);
  for (let t = 0; t < TICKS_AFTER; t++) engine.step();
  const after = settledBytes();
  if (engine.threadCount !== FEW) throw new Error('capacity probe: lost a resident thread');
  return { peak, start, after };
}

const peak = Number(process.argv[2]);
if (!Number.isInteger(peak) || peak <= 0) {
  console.error('usage: node --expose-gc --import tsx bench/capacity-probe.ts PEAK');
  process.exit(2);
}
console.log(JSON.stringify(probe(peak)));
