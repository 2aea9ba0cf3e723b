import { describe, expect, it } from 'vitest';
import { drive, sleep, type FrameSource } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

/** A frame source driven by hand: `frame(ms)` delivers one frame at that timestamp. */
function manualFrames(): FrameSource & { frame(nowMs: number): void; pending: number } {
  let callback: ((nowMs: number) => void) | null = null;
  return {
    request(cb) {
      callback = cb;
      return 1;
    },
    cancel() {
      callback = null;
    },
    now: () => 0,
    frame(nowMs) {
      const cb = callback;
      callback = null;
      cb?.(nowMs);
    },
    get pending() {
      return callback === null ? 0 : 1;
    },
  };
}

describe('the fixed-step loop', () => {
  it('step() advances exactly one tick and simulated time with it', () => {
    const { engine, steps } = createTestEngine({ tickRate: 50 });
    expect([engine.tick, engine.time, engine.dt]).toEqual([0, 0, 0.02]);
    steps(3);
    expect(engine.tick).toBe(3);
    expect(engine.time).toBeCloseTo(0.06, 12);
  });

  it('advance() runs the whole ticks due and keeps the remainder as the interpolation fraction', () => {
    const { engine } = createTestEngine({ tickRate: 60 });
    expect(engine.advance(1 / 60)).toBe(1);
    expect(engine.advance(0.5 / 60)).toBe(0);
    expect(engine.alpha).toBeCloseTo(0.5, 9);
    expect(engine.advance(2 / 60)).toBe(2);
    expect(engine.alpha).toBeCloseTo(0.5, 9);
    let ticks = 0;
    for (let i = 0; i < 60; i++) ticks += engine.advance(1 / 60);
    expect(ticks).toBe(60);
  });

  it('clamps a huge gap (a hidden tab) to maxFrameTime: no spiral of death', () => {
    const { engine } = createTestEngine({ tickRate: 60, maxFrameTime: 0.25 });
    expect(engine.advance(30)).toBe(15);
  });

  it('runs no ticks while paused, and sleeping threads stay frozen', () => {
    const { engine } = createTestEngine({ tickRate: 10 });
    const woke: number[] = [];
    engine.spawn(function* sleeper() {
      yield* sleep(0.5);
      woke.push(engine.tick);
    });
    engine.advance(0.2);
    engine.paused = true;
    expect(engine.advance(0.2)).toBe(0);
    expect(engine.advance(10)).toBe(0);
    engine.paused = false;
    engine.advance(0.2);
    expect(woke).toEqual([]);
    engine.advance(0.2);
    expect(woke).toEqual([6]);
  });

  it('stretches sleeps with the time scale: at 0.5 a one-second sleep takes two real seconds', () => {
    const { engine } = createTestEngine({ tickRate: 10 });
    const wokeAtReal: number[] = [];
    let real = 0;
    engine.spawn(function* sleeper() {
      yield* sleep(1);
      wokeAtReal.push(real);
    });
    engine.timeScale = 0.5;
    for (let i = 0; i < 30; i++) {
      real = Math.round((real + 0.1) * 10) / 10;
      engine.advance(0.1);
    }
    // first tick after 0.2 s real (t = 0.1 s sim); the deadline, 1.1 s sim, arrives at 2.2 s real
    expect(wokeAtReal).toEqual([2.2]);
  });

  it('rejects a negative or non-finite time scale', () => {
    const { engine } = createTestEngine();
    expect(() => (engine.timeScale = -1)).toThrow('timeScale must be a finite number ≥ 0, got -1');
    expect(() => (engine.timeScale = NaN)).toThrow('timeScale must be a finite number ≥ 0, got NaN');
  });
});

describe('drive()', () => {
  it('feeds real time between frames to the engine and reports ticks and alpha per frame', () => {
    const { engine } = createTestEngine({ tickRate: 60 });
    const source = manualFrames();
    const frames: [number, number][] = [];
    const driver = drive(engine, source, (f) => frames.push([f.ticks, Math.round(f.alpha * 100) / 100]));
    source.frame(1000);
    source.frame(1000 + 1000 / 60);
    source.frame(1000 + 2.5 * 1000 / 60);
    expect(frames).toEqual([[0, 0], [1, 0], [1, 0.5]]);
    driver.stop();
    expect(source.pending).toBe(0);
    expect(engine.tick).toBe(2);
  });

  it('resync() makes the next frame count as no time, so a hidden tab resumes without a burst', () => {
    const { engine } = createTestEngine({ tickRate: 60 });
    const source = manualFrames();
    const ticks: number[] = [];
    const driver = drive(engine, source, (f) => ticks.push(f.ticks));
    source.frame(0);
    source.frame(1000 / 60);
    driver.resync(); // the page was hidden for ten seconds
    source.frame(10_000);
    source.frame(10_000 + 1000 / 60);
    expect(ticks).toEqual([0, 1, 0, 1]);
    driver.stop();
  });
});
