import { describe, expect, it } from 'vitest';
import { Engine, type FrameSource } from '../../engine/index.ts';
import { GameLoop } from '../../game/loop.ts';

/** Frames by hand: `frame(ms)` moves the clock on and delivers the pending frame. */
function createManualFrames() {
  let now = 0;
  let pending: ((nowMs: number) => void) | null = null;
  const source: FrameSource = {
    request: (callback) => {
      pending = callback;
      return 1;
    },
    cancel: () => {
      pending = null;
    },
    now: () => now,
  };
  const frame = (ms: number): void => {
    now += ms;
    const callback = pending;
    pending = null;
    callback?.(now);
  };
  return { source, frame };
}

describe('GameLoop', () => {
  it('runs one tick per 60 Hz frame', () => {
    const engine = new Engine();
    const { source, frame } = createManualFrames();
    const ticks: number[] = [];
    new GameLoop(engine, source, (info) => ticks.push(info.ticks)).start();
    for (let i = 0; i < 5; i++) frame(1000 / 60);
    expect(ticks).toEqual([0, 1, 1, 1, 1]);
  });

  it('runs no ticks while paused, and resumes without catching up', () => {
    const engine = new Engine();
    const { source, frame } = createManualFrames();
    const ticks: number[] = [];
    const loop = new GameLoop(engine, source, (info) => ticks.push(info.ticks));
    loop.start();
    frame(16);
    loop.togglePause();
    for (let i = 0; i < 30; i++) frame(1000 / 60);
    loop.togglePause();
    frame(1000 / 60);
    frame(1000 / 60);
    expect(loop.paused).toBe(false);
    expect(ticks.slice(1, 31).every((n) => n === 0)).toBe(true);
    expect(ticks.slice(31)).toEqual([1, 1]);
  });

  it('freezes while the tab is hidden and, shown again, resumes where it was: no burst of ticks', () => {
    const engine = new Engine();
    const { source, frame } = createManualFrames();
    const ticks: number[] = [];
    const loop = new GameLoop(engine, source, (info) => ticks.push(info.ticks));
    loop.start();
    frame(1000 / 60);
    frame(1000 / 60);
    loop.setHidden(true);
    expect(engine.paused).toBe(true);
    // the browser sends no frames to a hidden tab
    loop.setHidden(false);
    expect(engine.paused).toBe(false);
    frame(5_000); // the first frame after showing comes long after the last one
    frame(1000 / 60);
    expect(ticks).toEqual([0, 1, 0, 1]);
  });
});
