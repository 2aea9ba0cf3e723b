import { describe, expect, it } from 'vitest';
import { branch, encodeRecording, restore, stateHash, type Recording } from '../../engine/index.ts';
import { playScripted, recordGame } from '../../game/headless/session.ts';
import { createGameSimulation } from '../../game/headless/simulation.ts';

const TICKS = 720;

/** Twelve seconds of the sample game with the scripted player, and its state hash at the end. */
function original(): { recording: Recording; hash: string } {
  const { sim, recorder } = recordGame({ seed: 7, swarm: 60 });
  playScripted(sim, recorder, TICKS);
  return { recording: recorder.recording(), hash: stateHash(sim.engine, sim.hashWorld) };
}

/** Restores a branch and plays on to the original's end with the same scripted player. */
function resumeAndPlay(recording: Recording, tick: number) {
  const cut = branch(recording, tick);
  const recorder = restore(cut, createGameSimulation);
  expect(recorder.sim.engine.tick).toBe(tick);
  playScripted(recorder.sim, recorder, TICKS - tick);
  return { cut, hash: stateHash(recorder.sim.engine, recorder.sim.hashWorld), recording: recorder.recording() };
}

describe('branching a recording to resume from one of its ticks', () => {
  const { recording, hash } = original();
  const bytes = encodeRecording(recording);

  it('cut mid-run, restored and played on with the same inputs, ends and records exactly as the original', () => {
    const tick = 60 * 5 + 17;
    const resumed = resumeAndPlay(recording, tick);
    expect(resumed.cut.ticks).toBe(tick);
    expect(resumed.cut.events.every((event) => event.tick <= tick)).toBe(true);
    expect(resumed.cut.checkpoints.map((checkpoint) => checkpoint.tick)).toEqual([60, 120, 180, 240, 300]);
    expect(resumed.hash).toBe(hash);
    expect(encodeRecording(resumed.recording)).toEqual(bytes);
    expect(encodeRecording(recording)).toEqual(bytes); // the original is untouched
  });

  it('cut at tick 0 keeps what the host did before the first tick (the game spawned), and plays the whole run again', () => {
    const resumed = resumeAndPlay(recording, 0);
    expect(resumed.cut.events.map((event) => event.type)).toEqual(recording.events.filter((event) => event.tick === 0).map((event) => event.type));
    expect(resumed.cut.events.some((event) => event.type === 'spawn')).toBe(true);
    expect(resumed.cut.checkpoints).toEqual([]);
    expect(resumed.hash).toBe(hash);
    expect(encodeRecording(resumed.recording)).toEqual(bytes);
  });

  it('cut at the end is the recording', () => {
    expect(branch(recording, TICKS)).toEqual(recording);
  });

  it('rejects a tick that is not one of the recording, saying which ticks are', () => {
    for (const tick of [-1, TICKS + 1, 0.5]) {
      expect(() => branch(recording, tick)).toThrow(new RangeError(`branch: tick ${tick} is not a tick of the recording (a whole number from 0 to ${TICKS})`));
    }
  });
});
