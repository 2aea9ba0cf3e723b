import { LoomError } from '../core/errors.ts';
import { formatDivergence } from './divergence.ts';
import { Recorder } from './recorder.ts';
import type { Recording } from './recording.ts';
import { RecordingError } from './recording-error.ts';
import { Replayer } from './replayer.ts';
import { Seek } from './seek.ts';
import type { CreateSimulation, Simulation } from './simulation.ts';
import { replayRecording } from './replay-recording.ts';

/**
 * Restores a save: re-simulates the recording headless on a fresh simulation, applies what the host did after
 * its last tick, and returns a recorder that carries the recording on from there. Every script is at the same
 * yield point, with the same thread ids, as when the save was made. With `verify` (the default) it compares the
 * last checkpoint's hash; if that differs, it replays again checking every checkpoint, and throws a
 * {@link RecordingError} with the divergence report rather than hand back a silently different game. This is a
 * {@link Restore} run in one go; a page that should stay responsive runs one in slices.
 *
 * @example
 * ```ts
 * const recorder = restore(decodeRecording(bytes), createGameSimulation);
 * for (;;) recorder.step(); // live again
 * ```
 */
export function restore<S extends Simulation>(recording: Recording, create: CreateSimulation<S>, options: { verify?: boolean } = {}): Recorder<S> {
  return new Restore(recording, create, options).finish();
}

/**
 * A {@link restore} run a slice at a time, so that a page stays responsive and shows how far it has come: call
 * `run(budgetMs)` (say once a frame) until it returns true, then `finish()` for the recorder. `now` is the clock
 * the slices keep to, in milliseconds (default `performance.now`).
 *
 * @example
 * ```ts
 * const restoring = new Restore(recording, createGameSimulation);
 * while (!restoring.run(12)) {
 *   bar.value = restoring.progress;
 *   await nextFrame();
 * }
 * const recorder = restoring.finish(); // throws a RecordingError if the save does not restore
 * ```
 */
export class Restore<S extends Simulation = Simulation> {
  private readonly seek: Seek<S>;
  private finished = false;

  /** Starts the restore of `recording` on a fresh simulation made by `create`; nothing runs until `run` or `finish`. */
  constructor(
    readonly recording: Recording,
    private readonly create: CreateSimulation<S>,
    options: { verify?: boolean; now?: () => number } = {},
  ) {
    const last = recording.checkpoints.at(-1)?.tick ?? 0;
    const replayer = new Replayer(recording, create, { verify: options.verify ?? true, verifyFrom: last });
    this.seek = new Seek(replayer, recording.ticks, options.now ?? (() => performance.now()));
  }

  /** How far the re-simulation has come, from 0 to 1. */
  get progress(): number {
    return this.seek.progress;
  }

  /** Re-simulates for about `budgetMs` (at least one tick); returns whether it has reached the save's tick. */
  run(budgetMs: number): boolean {
    return this.seek.run(budgetMs);
  }

  /**
   * Re-simulates what is left, checks the save restored, and returns the recorder that carries it on. Once only:
   * the simulation is then the recorder's.
   */
  finish(): Recorder<S> {
    if (this.finished) throw new LoomError('Restore.finish() was called twice: the simulation is already carried on');
    this.finished = true;
    const { recording, create } = this;
    const replayer = this.seek.replayer;
    replayer.runTo(recording.ticks, true);
    if (replayer.divergence !== null) {
      const report = replayRecording(recording, create, { verify: true }).divergence ?? replayer.divergence;
      throw new RecordingError(`the save does not restore: ${formatDivergence(report)}`);
    }
    replayer.applyPending();
    return new Recorder(replayer.sim, {}, { recording, lastInput: replayer.input, traces: new Map(replayer.recordedTraces) });
  }
}
