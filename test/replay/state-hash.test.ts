import { describe, expect, it } from 'vitest';
import { Engine, Recorder, RecordingError, restore, stateHash, useEngine, type Script } from '../../engine/index.ts';
import { createLogSimulation } from './support.ts';

// The state hash covers the random generator: a run that diverges only in the numbers it drew (a script drawing
// one more, nothing else different) fails its next checkpoint, and a save restored out of step is refused.

// A script drawing `perTick` random numbers a tick and keeping none: its thread looks the same whatever it draws.
function drawing(perTick: number): Script<[], void> {
  return function* drawer() {
    for (;;) {
      for (let i = 0; i < perTick; i++) useEngine().random.next();
      yield;
    }
  };
}

describe('the state hash and the random generator', () => {
  it('differs between two engines that differ only in how many numbers they drew, and agrees once they drew as many', () => {
    const a = new Engine({ seed: 5 });
    const b = new Engine({ seed: 5 });
    expect(stateHash(a)).toBe(stateHash(b));
    a.random.next();
    expect(stateHash(a)).not.toBe(stateHash(b));
    b.random.next();
    expect(stateHash(a)).toBe(stateHash(b));
  });

  it('refuses to restore a save whose scripts now draw one more random number a tick, all else the same', () => {
    const drawer = drawing(1);
    const record = createLogSimulation({ drawer })({ seed: 9, tickRate: 60, meta: {} });
    const recorder = new Recorder(record.sim, { checkpointEvery: 5, traceEvery: 10 });
    recorder.spawn(drawer);
    for (let i = 0; i < 20; i++) recorder.step();
    const recording = recorder.recording();
    const same = (setup: Parameters<ReturnType<typeof createLogSimulation>>[0]) => createLogSimulation({ drawer })(setup).sim;
    const drawsMore = (setup: Parameters<ReturnType<typeof createLogSimulation>>[0]) => createLogSimulation({ drawer: drawing(2) })(setup).sim;
    expect(restore(recording, same).sim.engine.random.state).toEqual(record.sim.engine.random.state);
    expect(() => restore(recording, drawsMore)).toThrow(RecordingError);
  });
});
