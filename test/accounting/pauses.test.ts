import { describe, expect, it } from 'vitest';
import type { Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { fakeClock } from './fake-clock.ts';

// Pauses (a collection, the process preempted) land in whatever resume is running. On a fake clock a pause is time
// spent inside a light thread's resume, at ticks and threads the test picks, so every run sees the same pauses.
// bench/accounting-pauses.ts measures the same under a real allocation storm.
describe('accounting under pauses', () => {
  it('never reports a light thread a pause landed in, and reports the one spending 10 ms every time', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    engine.accounting.enabled = true;
    const reports: string[] = [];
    engine.accounting.onSlowResume = (thread, ms) => reports.push(`${engine.tick} ${thread.name} ${ms}`);
    const TICKS = 60;
    const MOVERS = 2000;
    // One or two pauses a tick, over slowResumeMs, each in a different mover (613 is prime to 2000).
    const pauses = new Map<string, number>();
    for (let tick = 1; tick <= TICKS; tick++) {
      pauses.set(`${tick} ${(tick * 613) % MOVERS}`, 5 + (tick % 11));
      if (tick % 2 === 0) pauses.set(`${tick} ${(tick * 613 + 1000) % MOVERS}`, 20);
    }
    let landed = 0;
    const busy = engine.spawn(function* busy() {
      for (;;) {
        clock.spend(10);
        yield;
      }
    });
    const movers: Thread[] = [];
    for (let i = 0; i < MOVERS; i++) {
      movers.push(engine.spawn(function* mover() {
        const at = { x: 0 };
        for (;;) {
          at.x += 1;
          const pause = pauses.get(`${engine.tick} ${i}`);
          if (pause !== undefined) {
            clock.spend(pause);
            landed++;
          }
          yield;
        }
      }));
    }
    let moverAtTop = 0;
    for (let tick = 0; tick < TICKS; tick++) {
      steps(1);
      // The thread charged the most this tick, as the inspector lists it; none while busy's first resume is held.
      const top = engine.accounting.timed.reduce<Thread | null>(
        (best, t) => (engine.accounting.threadMs(t) > (best === null ? 0 : engine.accounting.threadMs(best)) ? t : best), null);
      if (top !== null && top.name === 'mover') moverAtTop++;
    }

    expect(landed).toBe(pauses.size);
    // Busy's first resume is held until its second confirms it at tick 2; from then on each is reported as it runs.
    expect(reports).toEqual(Array.from({ length: TICKS }, (_, i) => `${Math.max(2, i + 1)} busy 10`));
    expect(moverAtTop).toBe(0);
    expect(movers.filter((m) => engine.accounting.threadAverageMs(m) > 0)).toEqual([]);
    expect(engine.accounting.resumesOf(busy)).toBe(TICKS);
  });
});
