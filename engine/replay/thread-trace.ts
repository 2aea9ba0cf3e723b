import type { Engine } from '../core/engine.ts';
import type { Thread } from '../core/thread.ts';

/**
 * What one thread is doing at a tick, as a recording keeps it at its checkpoints and a divergence report shows
 * it: its state, its frames, what it waits on, and the tick it parked in (when it started doing that).
 */
export interface ThreadTrace {
  id: number;
  name: string;
  state: string;
  /** Script names of its frames, bottom first, joined by ' > '. */
  frames: string;
  /** `sleep until 73.50 s`, `until playerNear`, ...; '' if not waiting. */
  waitingOn: string;
  /** The tick it parked in while waiting, else the current tick. */
  since: number;
}

/** The trace of one live thread. */
export function traceThread(thread: Thread): ThreadTrace {
  const waitingOn = thread.waitingOn;
  return {
    id: thread.id,
    name: thread.name,
    state: thread.stateName,
    frames: thread.frames.join(' > '),
    waitingOn,
    since: waitingOn === '' ? thread.engine.tick : thread.parkedIn,
  };
}

/**
 * The traces of every live thread, by id.
 *
 * @example
 * ```ts
 * traceThreads(engine).get(812)?.waitingOn; // 'sleep until 73.50 s'
 * ```
 */
export function traceThreads(engine: Engine): Map<number, ThreadTrace> {
  const traces = new Map<number, ThreadTrace>();
  for (const thread of [...engine.threads()].sort(byId)) traces.set(thread.id, traceThread(thread));
  return traces;
}

/** Whether two traces say the same thing (`since` included). */
export function sameTrace(a: ThreadTrace, b: ThreadTrace): boolean {
  return a.name === b.name && a.state === b.state && a.frames === b.frames && a.waitingOn === b.waitingOn && a.since === b.since;
}

/** How a divergence report shows a trace: what it waits on (or its state), with its frames. */
export function describeTrace(trace: ThreadTrace | undefined): string {
  if (trace === undefined) return 'ended';
  return `${trace.waitingOn || trace.state} in ${trace.frames}`;
}

const byId = (a: Thread, b: Thread): number => a.id - b.id;
