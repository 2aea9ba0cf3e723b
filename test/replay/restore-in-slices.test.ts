import { describe, expect, it } from 'vitest';
import { LoomError, RecordingError, Restore, restore, stateHash, traceThreads, type Recorder, type Recording } from '../../engine/index.ts';
import { playScripted } from '../../game/headless/session.ts';
import { createGameSimulation, type GameSimulation } from '../../game/headless/simulation.ts';
import { recordSampleGame, steppingClock } from './support.ts';

/** Where a restored game stands, and the hashes of the next 120 ticks played on with the scripted player. */
function standingAndFuture(recorder: Recorder<GameSimulation>) {
  const { sim } = recorder;
  const standing = { tick: sim.engine.tick, hash: stateHash(sim.engine, sim.hashWorld), threads: traceThreads(sim.engine) };
  const future: string[] = [];
  for (let i = 0; i < 120; i++) {
    playScripted(sim, recorder, 1);
    future.push(stateHash(sim.engine, sim.hashWorld));
  }
  return { standing, future, recorded: recorder.recording().ticks };
}

describe('restoring a save in slices', () => {
  const recording = recordSampleGame(5, 600);

  it('runs a slice at a time with progress rising to 1, and carries on exactly as restore() in one go', () => {
    const restoring = new Restore(recording, createGameSimulation, { now: steppingClock() });
    const progress: number[] = [restoring.progress];
    while (!restoring.run(150)) progress.push(restoring.progress);
    progress.push(restoring.progress);
    expect(progress).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(standingAndFuture(restoring.finish())).toEqual(standingAndFuture(restore(recording, createGameSimulation)));
  });

  it('finishes what the slices left, and refuses a second finish', () => {
    const restoring = new Restore(recording, createGameSimulation, { now: steppingClock() });
    restoring.run(100);
    const recorder = restoring.finish();
    expect(recorder.sim.engine.tick).toBe(600);
    expect(() => restoring.finish()).toThrow(new LoomError('Restore.finish() was called twice: the simulation is already carried on'));
  });

  it('keeps to performance.now by default: a slice with room for the whole save runs it all', () => {
    expect(new Restore(recording, createGameSimulation).run(60_000)).toBe(true); // 600 ticks take well under a minute
  });

  it('throws the divergence report from finish when the save does not restore the same game', () => {
    const last = recording.checkpoints.at(-1)!;
    const tampered: Recording = { ...recording, checkpoints: [...recording.checkpoints.slice(0, -1), { ...last, hash: '0'.repeat(last.hash.length) }] };
    const restoring = new Restore(tampered, createGameSimulation, { now: steppingClock() });
    while (!restoring.run(200));
    expect(() => restoring.finish()).toThrow(RecordingError);
    expect(() => new Restore(tampered, createGameSimulation).finish()).toThrow(/^the save does not restore: diverged between tick \d+ and tick 600/);
  });
});
