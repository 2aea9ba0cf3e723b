import type { Engine } from 'loom-threads';
import { median } from '../harness/stats.ts';

/** Engine and floor figures of one benchmark, each the median over rounds, and the median of per-round ratios. */
export interface Paired {
  engine: number;
  floor: number;
  ratio: number;
  /** Every round's figures, engine and floor, for the record. */
  rounds: { engine: number; floor: number }[];
}

/** Runs `fn` and returns its result with the wall time it took, ms. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** ns per resume over `ticks` ticks of `loop`, whose `tick()` returns how many it resumed (a floor, or a loop like one). */
export function nsPerResume(loop: { tick(): number }, ticks: number): number {
  let resumes = 0;
  const { ms } = timed(() => { for (let t = 0; t < ticks; t++) resumes += loop.tick(); });
  return (ms * 1e6) / resumes;
}

/** ns per switch over `ticks` ticks of `engine`. */
export function engineNsPerSwitch(engine: Engine, ticks: number): number {
  const before = engine.resumes;
  const { ms } = timed(() => { for (let t = 0; t < ticks; t++) engine.step(); });
  return (ms * 1e6) / (engine.resumes - before);
}

/** Lets the event loop run (GC observers, output) between measurements; in a page, where there is no setImmediate, a timer. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * Measures the engine and its floor in alternating order, `rounds` times each (after one unmeasured warm-up
 * round of each): on a shared, noisy machine both sides see the same conditions, and the ratio is taken per round.
 * Each run returns its own figure (e.g. ns per switch).
 */
export async function interleave(rounds: number, engine: () => number, floor: () => number): Promise<Paired> {
  engine();
  floor();
  const all: { engine: number; floor: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    await breathe();
    let e: number;
    let f: number;
    if (r % 2 === 0) {
      e = engine();
      f = floor();
    } else {
      f = floor();
      e = engine();
    }
    all.push({ engine: e, floor: f });
  }
  return {
    engine: median(all.map((r) => r.engine)),
    floor: median(all.map((r) => r.floor)),
    ratio: median(all.map((r) => r.engine / r.floor)),
    rounds: all,
  };
}
