import { checkRecordedTick } from './recorded-tick.ts';
import type { Recording } from './recording.ts';

/**
 * The recording cut at `tick`, to carry on live from there with {@link restore}: it keeps the checkpoints up to
 * `tick` and what the host did up to it, and drops the rest. What the host did after tick `tick` ran (the events
 * stamped `tick`, such as the game's first spawn at tick 0) stays, as in a save made at that tick: restore applies
 * it. So a branch at the recording's end is the recording, and the new recording takes its own way from `tick`.
 * The recording itself is not changed.
 *
 * @example
 * ```ts
 * const recorder = restore(branch(recording, 1800), createGameSimulation); // live again from 30 s in
 * ```
 */
export function branch(recording: Recording, tick: number): Recording {
  checkRecordedTick(recording, tick, 'branch');
  return {
    ...recording,
    ticks: tick,
    events: recording.events.filter((event) => event.tick <= tick),
    checkpoints: recording.checkpoints.filter((checkpoint) => checkpoint.tick <= tick),
  };
}
