import { describe, expect, it } from 'vitest';
import { decodeRecording, encodeRecording, replayRecording, restore, stateHash, traceThreads } from '../../engine/index.ts';
import { playScripted, recordGame } from '../../game/headless/session.ts';
import { createGameSimulation, type GameSimulation } from '../../game/headless/simulation.ts';
import type { Recorder } from '../../engine/index.ts';

const SETUP = { seed: 7, swarm: 120 };

function hashOf(sim: GameSimulation): string {
  return stateHash(sim.engine, sim.hashWorld);
}

/** Plays on with the scripted player, the state hash after every tick. */
function playOn(sim: GameSimulation, recorder: Recorder<GameSimulation>, ticks: number): string[] {
  const hashes: string[] = [];
  for (let i = 0; i < ticks; i++) {
    playScripted(sim, recorder, 1);
    hashes.push(hashOf(sim));
  }
  return hashes;
}

describe('replaying the sample game', () => {
  it('a headless game with scripted input replays with matching hashes at every checkpoint', () => {
    const { sim, recorder } = recordGame(SETUP);
    playScripted(sim, recorder, 60 * 40);
    expect(sim.world.wave).toBeGreaterThanOrEqual(2);
    const recording = decodeRecording(encodeRecording(recorder.recording()));
    const result = replayRecording(recording, createGameSimulation, { verify: true });
    expect(result.divergence).toBeNull();
    expect(result.checked).toBe(40);
    expect(result.ticks).toBe(2400);
    expect(result.finalHash).toBe(hashOf(sim));
    expect(result.replayer.sim.world.score).toBe(sim.world.score);
  });

  it('a save made mid-wave restores with every thread where it was, and goes on exactly as the uninterrupted run', () => {
    const { sim, recorder } = recordGame(SETUP);
    playScripted(sim, recorder, 60 * 18 + 17);
    expect(sim.world.hostileCount).toBeGreaterThan(0);
    expect(sim.engine.threadCount).toBeGreaterThan(20);
    const save = encodeRecording(recorder.recording());

    const restored = restore(decodeRecording(save), createGameSimulation);
    expect(restored.sim.engine.tick).toBe(sim.engine.tick);
    expect(traceThreads(restored.sim.engine)).toEqual(traceThreads(sim.engine));
    expect(hashOf(restored.sim)).toBe(hashOf(sim));

    const live = playOn(sim, recorder, 60 * 20);
    const again = playOn(restored.sim, restored, 60 * 20);
    expect(again).toEqual(live);
    expect(new Set(live).size).toBe(live.length);
    // The restored recorder carried the recording on: it replays as the original does.
    expect(encodeRecording(restored.recording())).toEqual(encodeRecording(recorder.recording()));
  });
});
