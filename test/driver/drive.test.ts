import { describe, expect, it } from 'vitest';
import { drive, type DriveOptions, type FrameSource } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

/**
 * A page's frame loop on a fake clock: frames come every 20 ms (a 50 Hz display; the engine ticks at 50 Hz too), or
 * at the first vsync after the frame's work when it overran. A thread spends `load` ms of the clock each tick.
 * Returns, per frame, `frameMs/ticks/dropped`.
 */
function simulate(loads: number[], options: DriveOptions): string[] {
  const { engine } = createTestEngine({ tickRate: 50, maxFrameTime: 0.25 });
  let now = 0;
  let load = 0;
  engine.spawn(function* worker() {
    for (;;) {
      now += load;
      yield;
    }
  });
  let callback: ((nowMs: number) => void) | null = null;
  const source: FrameSource = {
    request: (cb) => ((callback = cb), 1),
    cancel: () => (callback = null),
    now: () => now,
  };
  const seen: string[] = [];
  drive(engine, source, (frame) => seen.push(`${frame.frameMs}/${frame.ticks}/${frame.dropped}`), options);
  for (const each of loads) {
    load = each;
    const start = now;
    callback!(start);
    now = Math.max(start + 20, Math.ceil(now / 20) * 20);
  }
  return seen;
}

describe('drive(): no spiral', () => {
  // 2 ms ticks for 3 frames, then 30 ms ticks (past a 10 ms budget, and past the frame) for 5, then 2 ms again.
  const loads = [2, 2, 2, 30, 30, 30, 30, 30, 2, 2, 2, 2];

  it('drops the ticks it cannot afford while the load is past the budget, and the frame time comes back after', () => {
    expect(simulate(loads, { budgetMs: 10 })).toEqual([
      '0/0/0', '20/1/0', '20/1/0',
      '20/1/0', '40/1/1', '40/1/1', '40/1/1', '40/1/1', // one 30 ms tick a frame: frames of 40 ms, no longer
      '40/1/1', '20/1/0', '20/1/0', '20/1/0', // the load gone, the next frame is back to 20 ms
    ]);
  });

  it('spirals without a budget: each long frame makes the next longer, up to the clamp', () => {
    expect(simulate(loads, { budgetMs: Infinity })).toEqual([
      '0/0/0', '20/1/0', '20/1/0',
      '20/1/0', '40/2/0', '60/3/0', '100/5/0', '160/8/0',
      '240/12/0', '40/2/0', '20/1/0', '20/1/0',
    ]);
  });
});

describe('drive(): the step hook', () => {
  it('runs every tick it runs through `step` instead of engine.step, the budget and drops unchanged', () => {
    const { engine } = createTestEngine({ tickRate: 50, maxFrameTime: 0.25 });
    let now = 0;
    let callback: ((nowMs: number) => void) | null = null;
    const source: FrameSource = { request: (cb) => ((callback = cb), 1), cancel: () => (callback = null), now: () => now };
    const order: string[] = [];
    const step = (): void => {
      order.push(`hook before ${engine.tick}`);
      engine.step();
      now += 6; // each tick costs 6 ms of a 10 ms budget
    };
    drive(engine, source, (frame) => order.push(`frame ${frame.ticks}/${frame.dropped}`), { budgetMs: 10, step });
    for (const at of [0, 20, 80]) callback!(at);
    expect(order).toEqual([
      'frame 0/0',
      'hook before 0', 'frame 1/0',
      'hook before 1', 'frame 1/2', // 60 ms due (3 ticks), one affordable: the hook runs it, two are dropped
    ]);
    expect(engine.tick).toBe(2);
  });
});
