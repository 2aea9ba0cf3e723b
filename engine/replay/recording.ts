import type { RecordedValue } from './recorded-value.ts';
import type { ThreadTrace } from './thread-trace.ts';

/** The format version this build writes and reads; docs/recording-format.md describes it. */
export const RECORDING_VERSION = 1;

/** How the recorded run was set up: enough to build the same simulation again. */
export interface RecordingHeader {
  seed: number;
  tickRate: number;
  /** Ticks between checkpoints (state hashes). */
  checkpointEvery: number;
  /** Ticks between the checkpoints that also keep thread traces: a multiple of `checkpointEvery`. */
  traceEvery: number;
  /** Integers in one sample of the host's input (0: no input channel). */
  inputSize: number;
  /** The host's own setup, as JSON: the game keeps its config here (swarm size, first wave). */
  meta: { [key: string]: RecordedValue };
}

/**
 * Something that entered the simulation from outside, stamped with the tick it happened after: an event stamped
 * `tick` 120 happened between tick 120 and tick 121, and a replay applies it just before stepping tick 121.
 * `input` is the input sample the host read before stepping tick `tick + 1` (kept only when it changed).
 */
export type HostEvent =
  | { tick: number; type: 'input'; values: number[] }
  | { tick: number; type: 'spawn'; script: string; name?: string; detached?: boolean; args: RecordedValue[] }
  | { tick: number; type: 'send'; thread: number; message: RecordedValue }
  | { tick: number; type: 'cancel'; thread: number }
  | { tick: number; type: 'emit'; signal: string; value: RecordedValue }
  | { tick: number; type: 'pause'; paused: boolean }
  | { tick: number; type: 'timeScale'; scale: number };

/**
 * The state at the end of tick `tick`: its hash and, every `traceEvery` ticks, the thread traces that changed.
 */
export interface Checkpoint {
  tick: number;
  hash: string;
  threads: TraceChanges | null;
}

/** The threads whose trace changed since the previous traced checkpoint (new ones included), and those that ended. */
export interface TraceChanges {
  changed: ThreadTrace[];
  ended: number[];
}

/**
 * A recorded run: its setup, everything the host fed it, and checkpoints to verify a replay against. A save is a
 * recording; restoring it re-simulates it.
 *
 * @example
 * ```ts
 * const recording = recorder.recording();
 * writeFileSync('run.loomrec', encodeRecording(recording));
 * ```
 */
export interface Recording {
  version: number;
  header: RecordingHeader;
  /** The tick the recording was taken at. */
  ticks: number;
  events: HostEvent[];
  checkpoints: Checkpoint[];
}
