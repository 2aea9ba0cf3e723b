// Bundled into a blank Chromium page by the cross-engine test: records the sample game headless there, with the
// scripted player, so the recording's checkpoint hashes are Chromium's.
import { encodeRecording, stateHash } from 'loom-threads';
import { playScripted, recordGame } from '../../game/headless/session.ts';

/**
 * What the page hands back: the encoded recording (as plain numbers, to cross the page boundary), its final hash,
 * and the score and wave reached, which show that the run did something.
 */
export interface PageRecording {
  bytes: number[];
  finalHash: string;
  score: number;
  wave: number;
}

/** Records `ticks` ticks of the sample game with the scripted player. */
export function recordScriptedGame(seed: number, swarm: number, ticks: number): PageRecording {
  const { sim, recorder } = recordGame({ seed, swarm });
  playScripted(sim, recorder, ticks);
  const bytes = Array.from(encodeRecording(recorder.recording()));
  return { bytes, finalHash: stateHash(sim.engine, sim.hashWorld), score: sim.world.score, wave: sim.world.wave };
}
