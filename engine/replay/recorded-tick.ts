import type { Recording } from './recording.ts';

/**
 * Checks that `tick` is a tick of `recording` (a whole number from 0 to its `ticks`), with an error naming the
 * operation and the range otherwise.
 */
export function checkRecordedTick(recording: Recording, tick: number, operation: string): void {
  if (Number.isInteger(tick) && tick >= 0 && tick <= recording.ticks) return;
  throw new RangeError(`${operation}: tick ${tick} is not a tick of the recording (a whole number from 0 to ${recording.ticks})`);
}
