import { formatDivergence } from './divergence.ts';
import { Recorder } from './recorder.ts';
import type { Recording } from './recording.ts';
import { RecordingError } from './recording-error.ts';
import { Replayer } from './replayer.ts';
import type { CreateSimulation, Simulation } from './simulation.ts';
import { replayRecording } from './verify.ts';

/**
 * Restores a save: re-simulates the recording headless on a fresh simulation, applies what the host did after
 * its last tick, and returns a recorder that carries the recording on from there. Every script is at the same
 * yield point, with the same thread ids, as when the save was made. With `verify` (the default) it compares the
 * last checkpoint's hash; if that differs, it replays again checking every checkpoint, and throws a
 * {@link RecordingError} with the divergence report rather than hand back a silently different game.
 *
 * @example
 * ```ts
 * const recorder = restore(decodeRecording(bytes), createGameSimulation);
 * for (;;) recorder.step(); // live again
 * ```
 */
export function restore<S extends Simulation>(recording: Recording, create: CreateSimulation<S>, options: { verify?: boolean } = {}): Recorder<S> {
  const last = recording.checkpoints.at(-1)?.tick ?? 0;
  const replayer = new Replayer(recording, create, { verify: options.verify ?? true, verifyFrom: last });
  replayer.runTo(recording.ticks, true);
  if (replayer.divergence !== null) {
    const report = replayRecording(recording, create, { verify: true }).divergence ?? replayer.divergence;
    throw new RecordingError(`the save does not restore: ${formatDivergence(report)}`);
  }
  replayer.applyPending();
  return new Recorder(replayer.sim, {}, { recording, lastInput: replayer.input, traces: new Map(replayer.recordedTraces) });
}
