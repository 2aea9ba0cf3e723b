import { describe, expect, it } from 'vitest';
import { Engine, Recorder, type FrameSource, type InputChannel } from '../../engine/index.ts';
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

/** A recorder over a bare engine whose one input slot is `held[0]`, written to `seen[0]` before each tick. */
function createRecorded() {
  const engine = new Engine();
  const held = [0];
  const seen = [0];
  const input: InputChannel = { size: 1, read: () => [...held], write: ([value = 0]) => void (seen[0] = value) };
  return { recorder: new Recorder({ engine, scripts: {}, input }), engine, held, seen };
}

describe('GameLoop', () => {
  it('runs one tick per 60 Hz frame', () => {
    const { recorder } = createRecorded();
    const { source, frame } = createManualFrames();
    const ticks: number[] = [];
    new GameLoop(recorder, source, (info) => ticks.push(info.ticks)).start();
    for (let i = 0; i < 5; i++) frame(1000 / 60);
    expect(ticks).toEqual([0, 1, 1, 1, 1]);
  });

  it('runs no ticks while paused, and resumes without catching up', () => {
    const { recorder } = createRecorded();
    const { source, frame } = createManualFrames();
    const ticks: number[] = [];
    const loop = new GameLoop(recorder, source, (info) => ticks.push(info.ticks));
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
    const { recorder, engine } = createRecorded();
    const { source, frame } = createManualFrames();
    const ticks: number[] = [];
    const loop = new GameLoop(recorder, source, (info) => ticks.push(info.ticks));
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

  it('runs every tick through the recorder: the input is read before each tick and recorded when it changes', () => {
    const { recorder, engine, held, seen } = createRecorded();
    const perTick: string[] = [];
    engine.spawn(function* watch() {
      for (;;) {
        perTick.push(`${engine.tick}:${seen[0]}`);
        yield;
      }
    });
    const { source, frame } = createManualFrames();
    new GameLoop(recorder, source, () => {}).start();
    frame(0);
    held[0] = 5;
    frame(1000 / 60);
    frame(1000 / 60);
    held[0] = 7;
    frame(1000 / 60);
    expect(perTick).toEqual(['1:5', '2:5', '3:7']);
    expect(recorder.recording().events).toEqual([
      { tick: 0, type: 'input', values: [5] },
      { tick: 2, type: 'input', values: [7] },
    ]);
  });

  it('records the pause key and the hidden tab as pauses, each only when the engine\'s pause changes', () => {
    const { recorder } = createRecorded();
    const { source, frame } = createManualFrames();
    const loop = new GameLoop(recorder, source, () => {});
    loop.start();
    frame(0);
    frame(1000 / 60);
    loop.togglePause();
    loop.setHidden(true); // already paused: nothing to record
    loop.setHidden(false);
    loop.togglePause();
    frame(1000 / 60);
    loop.setHidden(true);
    loop.setHidden(false);
    const pauses = recorder.recording().events.filter((event) => event.type === 'pause');
    expect(pauses).toEqual([
      { tick: 1, type: 'pause', paused: true },
      { tick: 1, type: 'pause', paused: false },
      { tick: 1, type: 'pause', paused: true },
      { tick: 1, type: 'pause', paused: false },
    ]);
  });

  it('starts paused when its recorder is (a save made while paused, restored)', () => {
    const { recorder } = createRecorded();
    recorder.paused = true;
    const loop = new GameLoop(recorder, createManualFrames().source, () => {});
    expect(loop.paused).toBe(true);
    loop.togglePause();
    expect(recorder.paused).toBe(false);
  });
});
