import { describe, expect, it } from 'vitest';
import { Replayer, Seek, traceThreads, type Recording } from '../../engine/index.ts';
import { createGameSimulation, type GameSimulation } from '../../game/headless/simulation.ts';
import { recordSampleGame, steppingClock } from './support.ts';

const replay = (recording: Recording): Replayer<GameSimulation> => new Replayer(recording, createGameSimulation, { verify: true });

/** The state of a replay as the hash and the threads see it. */
const stateOf = (replayer: Replayer<GameSimulation>) => ({ tick: replayer.tick, hash: replayer.stateHash(), threads: traceThreads(replayer.sim.engine) });

function straightTo(recording: Recording, tick: number) {
  const replayer = replay(recording);
  replayer.runTo(tick);
  return stateOf(replayer);
}

describe('seeking a recording in slices', () => {
  const recording = recordSampleGame(7, 720);

  it('runs to the tick a slice at a time, with progress rising to 1, and ends as a straight run does', () => {
    const seek = new Seek(replay(recording), 400, steppingClock());
    expect(seek.progress).toBe(0);
    const progress: number[] = [];
    while (!seek.run(50)) progress.push(seek.progress);
    progress.push(seek.progress);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((slice) => slice / 8));
    expect(stateOf(seek.replayer)).toEqual(straightTo(recording, 400));
    expect(seek.replayer.divergence).toBeNull();
    expect([seek.run(50), seek.replayer.tick]).toEqual([true, 400]); // done: runs nothing more
  });

  it('runs one tick a call at least, however small the budget', () => {
    const seek = new Seek(replay(recording), 3, () => 0);
    expect([seek.run(0), seek.replayer.tick, seek.run(-1), seek.replayer.tick, seek.run(0), seek.done]).toEqual([false, 1, false, 2, true, true]);
  });

  it('going forward carries on the replay it was given, its progress counted from where that was', () => {
    const replayer = replay(recording);
    replayer.runTo(300);
    const seek = new Seek(replayer, 500, steppingClock());
    expect(seek.replayer).toBe(replayer);
    seek.run(50);
    expect([replayer.tick, seek.progress]).toEqual([350, 0.25]);
    while (!seek.run(50));
    expect(stateOf(replayer)).toEqual(straightTo(recording, 500));
  });

  it('going back starts a fresh replay from tick 0 and leaves the one given as it was', () => {
    const replayer = replay(recording);
    replayer.runTo(600);
    const seek = new Seek(replayer, 250, steppingClock());
    expect(seek.replayer).not.toBe(replayer);
    expect([seek.replayer.tick, seek.progress, replayer.tick]).toEqual([0, 0, 600]);
    while (!seek.run(100));
    expect(stateOf(seek.replayer)).toEqual(straightTo(recording, 250));
  });

  it('seeking to where the replay is, or to the ends of the recording, is done at once or runs to the end', () => {
    const replayer = replay(recording);
    replayer.runTo(120);
    const here = new Seek(replayer, 120, steppingClock());
    expect([here.done, here.progress, here.run(10), here.replayer]).toEqual([true, 1, true, replayer]);
    const start = new Seek(replayer, 0, steppingClock());
    expect([start.replayer.tick, start.done, start.progress]).toEqual([0, true, 1]);
    const end = new Seek(start.replayer, recording.ticks, steppingClock());
    while (!end.run(100));
    expect(stateOf(end.replayer)).toEqual(straightTo(recording, recording.ticks));
  });

  it('rejects a tick that is not one of the recording, saying which ticks are', () => {
    const replayer = replay(recording);
    for (const tick of [-1, 721, 2.5, Number.NaN]) {
      expect(() => new Seek(replayer, tick, steppingClock())).toThrow(new RangeError(`seek: tick ${tick} is not a tick of the recording (a whole number from 0 to 720)`));
    }
  });
});
