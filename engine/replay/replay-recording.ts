import type { Divergence } from './divergence.ts';
import { guardNondeterminism } from './nondeterminism-guard.ts';
import type { Recording } from './recording.ts';
import { Replayer } from './replayer.ts';
import type { CreateSimulation, Simulation } from './simulation.ts';

/** What a replay did: ticks run, the final state hash, checkpoints compared, and the first divergence. */
export interface ReplayResult<S extends Simulation = Simulation> {
  ticks: number;
  finalHash: string;
  checked: number;
  divergence: Divergence | null;
  replayer: Replayer<S>;
}

/**
 * Replays a recording up to `until` (default: its end). With `verify`, every checkpoint's hash is compared; at the
 * first that differs the replay stops, and a second run from the start to that checkpoint, with
 * {@link guardNondeterminism} on, names the scripts that called Math.random, Date.now or performance.now.
 *
 * @example
 * ```ts
 * const { divergence } = replayRecording(recording, createGameSimulation, { verify: true });
 * if (divergence) console.log(formatDivergence(divergence));
 * ```
 */
export function replayRecording<S extends Simulation>(
  recording: Recording,
  create: CreateSimulation<S>,
  options: { verify?: boolean; until?: number } = {},
): ReplayResult<S> {
  const replayer = new Replayer(recording, create, { verify: options.verify });
  replayer.runTo(options.until ?? recording.ticks, true);
  const divergence = replayer.divergence;
  if (divergence !== null) divergence.nondeterministic = nondeterministicCalls(recording, create, divergence.tick);
  const sim = replayer.sim;
  return { ticks: sim.engine.tick, finalHash: replayer.stateHash(), checked: replayer.checked, divergence, replayer };
}

function nondeterministicCalls(recording: Recording, create: CreateSimulation, until: number): string[] {
  const again = new Replayer(recording, create);
  const calls: string[] = [];
  const unguard = guardNondeterminism(again.sim.engine, (call) => calls.push(`${call.thread} called ${call.call} at tick ${call.tick}`));
  try {
    again.runTo(until);
  } finally {
    unguard();
  }
  return calls;
}
