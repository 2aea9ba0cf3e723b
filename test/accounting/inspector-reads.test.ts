import { describe, expect, it, vi } from 'vitest';
import { wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { fakeClock } from './fake-clock.ts';

describe('accounting: what the inspector reads', () => {
  it('lists the threads timed alone in the last tick, in the order they ran', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    engine.accounting.enabled = true;
    const a = engine.spawn(function* a() {
      for (;;) {
        clock.spend(1);
        yield;
      }
    });
    const b = engine.spawn(function* b() {
      clock.spend(1);
      yield* wait(2);
    });
    steps(1);
    expect(engine.accounting.timed).toEqual([a, b]);
    steps(1);
    expect(engine.accounting.timed).toEqual([a]);
  });

  it('warns of slow resumes at most once per 60 ticks by default, counting the ones held back', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    engine.accounting.enabled = true;
    engine.spawn(function* stutter() {
      for (;;) {
        clock.spend(10);
        yield;
      }
    });
    steps(62);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[loom] slow resume: #1 stutter (script stutter) ran 10.00 ms',
      '[loom] slow resume: #1 stutter (script stutter) ran 10.00 ms (and 60 more since the last warning)',
    ]);
    warn.mockRestore();
  });

  it('decays a thread\'s average while it is not timed, by 0.9885 a tick (a half-life of about a second at 60 Hz)', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    engine.accounting.enabled = true;
    const burst = engine.spawn(function* burst() {
      clock.spend(2);
      yield;
      yield* wait(1000);
    });
    steps(2);
    const average = engine.accounting.threadAverageMs(burst);
    expect(average).toBeGreaterThan(0);
    steps(60);
    expect(engine.accounting.threadAverageMs(burst)).toBeCloseTo(average * 0.9885 ** 60, 12);
  });

  it('calls onTick only while enabled: a budget alone times runs for itself, not for the hook', () => {
    const { engine, steps } = createTestEngine();
    let calls = 0;
    engine.accounting.onTick = () => calls++;
    engine.accounting.budgetMs = 5;
    engine.spawn(function* worker() {
      for (;;) yield;
    });
    steps(3);
    engine.accounting.enabled = true;
    steps(2);
    expect(calls).toBe(2);
  });

  it('calls onTick at the end of every measured tick, even when one advance runs several', () => {
    const { engine } = createTestEngine();
    fakeClock(engine); // standing still: a preempted resume must not look slow
    engine.accounting.enabled = true;
    const seen: string[] = [];
    engine.accounting.runMs = 0; // every resume timed alone
    engine.accounting.onTick = (tick) => seen.push(`${tick}:${engine.accounting.timed.map((t) => t.name).join(',')}`);
    engine.spawn(function* a() {
      for (;;) yield;
    });
    engine.spawn(function* b() {
      yield;
    });
    engine.advance(3 / 60);
    expect(seen).toEqual(['1:a,b', '2:a,b', '3:a']);
  });
});
