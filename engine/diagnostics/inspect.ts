import type { Engine } from '../core/engine.ts';
import type { Thread } from '../core/thread.ts';

/** A plain-data picture of one thread, for inspectors and logs. */
export interface ThreadSnapshot {
  id: number;
  name: string;
  /** The state's name (see `inspectedState`): `cancelling` while it is being cancelled. */
  state: string;
  parent: number | null;
  children: number[];
  /** Ticks since it was spawned. */
  age: number;
  /** Resumes counted while accounting was on. */
  resumes: number;
  /** What it waits on: `sleep until 12.40 s`, `join #812 boss`, `signal door.opened`, `until isGrounded`, ... */
  waitingOn: string;
  /** Script names of its frames, bottom first. */
  frames: string[];
  cancelling: boolean;
  detached: boolean;
  /** Script time in the last tick, ms, if accounting timed it alone (a heavy thread); else 0. */
  ms: number;
  /** Decaying average of script time per tick over the ticks it was timed alone, ms. */
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
    state: inspectedState(thread),
    parent: thread.parent?.id ?? null,
    children: thread.children.map((c) => c.id),
    age: thread.age,
    resumes: accounting.resumesOf(thread),
    waitingOn: thread.waitingOn,
    frames: thread.frames,
    cancelling: thread.cancelling,
    detached: thread.detached,
    ms: accounting.threadMs(thread),
    msAverage: accounting.threadAverageMs(thread),
  };
}

/** The states an inspector shows a live thread in: its state, or `cancelling` while it is being cancelled. */
export const INSPECTED_STATES = ['ready', 'running', 'waiting', 'cancelling'] as const;

/**
 * The state an inspector shows: `thread.stateName`, except `cancelling` for a live thread being cancelled (which is
 * READY or RUNNING or WAITING underneath, as its cleanup runs).
 *
 * @example
 * ```ts
 * grunt.cancel();
 * inspectedState(grunt); // 'cancelling'
 * ```
 */
export function inspectedState(thread: Thread): string {
  return thread.cancelling && thread.alive ? 'cancelling' : thread.stateName;
}

/**
 * Counts the live threads per inspected state (each thread once: a cancelling one under `cancelling`).
 *
 * @example
 * ```ts
 * countStates(engine); // { ready: 3, running: 0, waiting: 997, cancelling: 0 }
 * ```
 */
export function countStates(engine: Engine): Record<string, number> {
  const counts: Record<string, number> = { ready: 0, running: 0, waiting: 0, cancelling: 0 };
  for (const thread of engine.threads()) counts[inspectedState(thread)]!++;
  return counts;
}
