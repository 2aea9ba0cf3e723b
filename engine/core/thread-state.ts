import { LoomError } from './errors.ts';

/**
 * The life of a thread. A thread moves READY → RUNNING → (WAITING → READY → RUNNING)* → DONE | FAILED | CANCELLED.
 *
 * @example
 * ```ts
 * if (thread.state === ThreadState.WAITING) console.log(thread.label, 'waits on', thread.waitingOn);
 * ```
 */
export const ThreadState = {
  /** Queued to run: it runs in the current tick if it has not run in it yet, else in the next one. */
  READY: 0,
  /** Its script is executing right now; exactly one thread of an engine is RUNNING during a resume. */
  RUNNING: 1,
  /** Parked on an op (sleep, wait, join, receive, a race...) until that op wakes it; or, its script over,
   * waiting for its children to end before it ends. */
  WAITING: 2,
  /** Its script returned; `result` holds the value. Final. */
  DONE: 3,
  /** An error escaped its script; `error` holds it. Final. */
  FAILED: 4,
  /** It was cancelled and every `finally` block of every frame has run. Final. */
  CANCELLED: 5,
} as const;

/** One of the {@link ThreadState} values. */
export type ThreadState = (typeof ThreadState)[keyof typeof ThreadState];

const NAMES = ['ready', 'running', 'waiting', 'done', 'failed', 'cancelled'] as const;

/** The lower-case name of a state, as the inspector shows it (`'waiting'`). */
export function stateName(state: ThreadState): (typeof NAMES)[number] {
  return NAMES[state]!;
}

/** Whether a state is final (DONE, FAILED or CANCELLED). */
export function isFinal(state: ThreadState): boolean {
  return state >= ThreadState.DONE;
}

// Allowed moves, one bit per target state.
const ALLOWED: readonly number[] = [
  /* READY   */ (1 << ThreadState.RUNNING) | (1 << ThreadState.CANCELLED),
  /* RUNNING */ (1 << ThreadState.READY) | (1 << ThreadState.WAITING) | (1 << ThreadState.DONE) |
    (1 << ThreadState.FAILED) | (1 << ThreadState.CANCELLED),
  /* WAITING */ (1 << ThreadState.READY) | (1 << ThreadState.DONE) | (1 << ThreadState.FAILED) |
    (1 << ThreadState.CANCELLED),
  0, 0, 0,
];

/** Whether the state machine allows moving from `from` to `to`. */
export function canMove(from: ThreadState, to: ThreadState): boolean {
  return (ALLOWED[from]! & (1 << to)) !== 0;
}

/** The error for a move the state machine forbids: an engine bug, never a script's. */
export function badMove(label: string, from: ThreadState, to: ThreadState): LoomError {
  return new LoomError(`internal: thread ${label} cannot go from ${stateName(from)} to ${stateName(to)}`);
}
