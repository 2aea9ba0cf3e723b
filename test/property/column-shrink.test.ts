import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThreadColumns } from '../../engine/core/thread-columns.ts';
import { programs } from './arbitrary.ts';
import type { Program } from './program.ts';
import { execute, runProgram } from './run-program.ts';

// Random programs rarely live long enough for the thread columns to shrink (a second of few threads after a peak).
// Here every tick starts with a compaction, so every slot number the engine holds is renumbered at each tick: the
// programs must still keep every invariant, and do exactly what they do with the columns left alone.

// A trace ends with each thread's end in the order the recorder first saw the thread, which for a timer thread is
// the order of `engine.threads()`: slot order, which has no set order for threads spawned after a compaction.
function steps(program: Program, accounting: boolean): string[] {
  const trace = execute(program, accounting).trace;
  const ends = trace.filter((line) => line.startsWith('end '));
  return [...trace.filter((line) => !line.startsWith('end ')), ...ends.sort()];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('random programs with the thread columns compacted before every tick', () => {
  it('300 programs keep every invariant and trace the same steps, with accounting off and on', () => {
    const samples = fc.sample(programs, { numRuns: 300, seed: 20261207 });
    const left = samples.map((program) => [steps(program, false), steps(program, true)]);
    const compactions = vi.spyOn(ThreadColumns.prototype, 'compact');
    vi.spyOn(ThreadColumns.prototype, 'dueToShrink').mockReturnValue(true);
    samples.forEach((program, i) => {
      const compacted = [steps(program, false), steps(program, true)];
      expect(compacted, `program ${i}`).toEqual(left[i]);
      expect(runProgram(program), `program ${i}`).toEqual([]);
    });
    expect(compactions.mock.calls.length).toBeGreaterThan(10_000);
  }, 120_000);
});
