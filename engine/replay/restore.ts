import { formatDivergence } from './divergence.ts';
import { Recorder } from './recorder.ts';
import type { Recording } from './recording.ts';
import { RecordingError } from './recording-error.ts';
import { Replayer } from './replayer.ts';
import type { CreateSimulation, Simulation } from './simulation.ts';

/**
 * Restores a save: re-simulates the recording headless on a fresh simulation, applies what the host did after
 * its last tick, and returns a recorder that carries the recording on from there. Every script is at the same
 * yield point, with the same thread ids, as when the save was made. With `verify` (the default) a checkpoint
 * that does not match is a {@link RecordingError} with the divergence report, not a silently different game.
 *
 * @example
 * ```ts
 * const recorder = restore(decodeRecording(bytes), createGameSimulation);
 * for (;;) recorder.step(); // live again
 * ```
 */
export function restore<S extends Simulation>(recording: Recording, create: CreateSimulation<S>, options: { verify?: boolean } = {}): Recorder<S> {
  const replayer = new Replayer(recording, create, { verify: options.verify ?? true });
  replayer.runTo(recording.ticks, true);
  if (replayer.divergence !== null) throw new RecordingError(`the save does not restore: ${formatDivergence(replayer.divergence)}`);
  replayer.applyPending();
  return new Recorder(replayer.sim, {}, { recording, lastInput: replayer.input, traces: new Map(replayer.recordedTraces) });
}
