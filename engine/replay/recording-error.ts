import { LoomError } from '../core/errors.ts';

/**
 * A recording that cannot be read or replayed: not a recording, an unknown format version, truncated, corrupted,
 * or naming a script, signal or object the simulation does not have.
 *
 * @example
 * ```ts
 * try { decodeRecording(bytes); } catch (e) { if (e instanceof RecordingError) showProblem(e.message); }
 * ```
 */
export class RecordingError extends LoomError {
  override name = 'RecordingError';
}
