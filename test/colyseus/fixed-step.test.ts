import { describe, expect, it } from 'vitest';
import { FixedStep } from 'loom-threads/colyseus';

function counter(): { calls: number; tick: () => void } {
  const c = { calls: 0, tick: () => void c.calls++ };
  return c;
}

describe('FixedStep', () => {
  it('runs one tick per whole step fed, and keeps the remainder for the next call', () => {
    const step = new FixedStep({ tickRate: 50 }); // 20 ms a tick
    const c = counter();
    expect(step.advance(19, c.tick)).toBe(0);
    expect(step.advance(1, c.tick)).toBe(1);
    expect(step.advance(45, c.tick)).toBe(2);
    expect(step.pendingMs).toBeCloseTo(5, 9);
    expect(step.advance(15, c.tick)).toBe(1);
    expect([c.calls, step.ticks, step.dropped]).toEqual([4, 4, 0]);
  });

  it('at 60 Hz, a second of uneven intervals is exactly 60 ticks', () => {
    const step = new FixedStep({ tickRate: 60 });
    const c = counter();
    const intervals = [16, 17, 17, 16.5, 16.8, 16.7];
    let fed = 0;
    for (let i = 0; fed + intervals[i % 6]! <= 1000; i++) {
      step.advance(intervals[i % 6]!, c.tick);
      fed += intervals[i % 6]!;
    }
    step.advance(1000 - fed, c.tick);
    expect(c.calls).toBe(60);
    expect(step.dropped).toBe(0);
  });

  it('caps catch-up after a stall and counts the ticks it drops', () => {
    const step = new FixedStep({ tickRate: 50, maxCatchUp: 3 });
    const c = counter();
    expect(step.advance(210, c.tick)).toBe(3); // 10 ticks due, 3 run, 7 dropped, 10 ms kept
    expect([c.calls, step.dropped]).toEqual([3, 7]);
    expect(step.pendingMs).toBeCloseTo(10, 9);
    expect(step.advance(10, c.tick)).toBe(1);
    expect([step.ticks, step.dropped]).toEqual([4, 7]);
  });

  it('ignores negative time and refuses a bad rate or cap', () => {
    const step = new FixedStep({ tickRate: 50 });
    const c = counter();
    expect(step.advance(-100, c.tick)).toBe(0);
    expect(step.advance(20, c.tick)).toBe(1);
    expect(() => new FixedStep({ tickRate: 0 })).toThrow(RangeError);
    expect(() => new FixedStep({ tickRate: 60, maxCatchUp: 0 })).toThrow(/maxCatchUp/);
  });
});
