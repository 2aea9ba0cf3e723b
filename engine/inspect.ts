import type { Engine } from './engine.ts';
import type { Thread } from './thread.ts';
import { stateName } from './thread-state.ts';

/** A plain-data picture of one thread, for inspectors and logs. */
export interface ThreadSnapshot {
  id: number;
  name: string;
  state: string;
  parent: number | null;
  children: number[];
  /** Ticks since it was spawned. */
  age: number;
  resumes: number;
  /** What it waits on: `sleep until 12.40 s`, `join #812 boss`, `signal door.opened`, `until isGrounded`, ... */
  waitingOn: string;
  /** Script names of its frames, bottom first. */
  frames: string[];
  cancelling: boolean;
  detached: boolean;
  /** Script time in the last tick, ms (accounting on). */
  ms: number;
  /** Decaying average of script time per tick, ms (accounting on). */
  msAverage: number;
}

/**
 * Takes a snapshot of one thread.
 *
 * @example
 * ```ts
 * for (const t of engine.threads()) console.log(snapshot(t).waitingOn);
 * ```
 */
export function snapshot(thread: Thread): ThreadSnapshot {
  const accounting = thread.engine.accounting;
  return {
    id: thread.id,
    name: thread.name,
    state: thread.stateName,
    parent: thread.parent?.id ?? null,
    children: thread.children.map((c) => c.id),
    age: thread.age,
    resumes: thread.resumes,
    waitingOn: thread.waitingOn,
    frames: thread.frames,
    cancelling: thread.cancelling,
    detached: thread.detached,
    ms: accounting.threadMs(thread),
    msAverage: accounting.threadAverageMs(thread),
  };
}

/**
 * Counts the live threads per state.
 *
 * @example
 * ```ts
 * countStates(engine); // { ready: 3, running: 0, waiting: 997, ... }
 * ```
 */
export function countStates(engine: Engine): Record<string, number> {
  const counts: Record<string, number> = { ready: 0, running: 0, waiting: 0 };
  for (const thread of engine.threads()) counts[stateName(thread.state)]!++;
  return counts;
}
