import { settleJoin, type Engine } from '../engine.ts';
import { DeadlockError } from '../errors.ts';
import { Op } from '../op.ts';
import { ThreadList } from '../thread-list.ts';
import type { Thread } from '../thread.ts';
import { JOIN } from '../wait-kind.ts';
import { misuse } from './misuse.ts';

class Join<R> extends Op<R> {
  constructor(private readonly target: Thread<R>) {
    super();
  }

  get description(): string {
    return `join(${this.target.label})`;
  }

  enter(thread: Thread, engine: Engine): boolean {
    const target = this.target;
    if (target === thread) throw misuse(this, thread, 'a thread cannot join itself');
    if (!target.alive) {
      settleJoin(thread, target);
      return false;
    }
    this.checkCycle(thread);
    // A parent joining its child is found through the child when it ends, so the common spawn-then-join needs no
    // list (and no extra part for the child); other joiners queue on the target.
    const list = target.parent === thread ? null : (target.more().joiners ??= new ThreadList());
    return engine.park(thread, JOIN, target, list);
  }

  // Follows the chain of joins from the target; coming back to the joiner means every thread on it waits forever.
  // Labels are built only for the error: joins are hot, and a label is a new string each time.
  private checkCycle(thread: Thread): void {
    for (let next: Thread = this.target; ; next = next.waitOn as Thread) {
      if (next === thread) {
        const cycle = [thread.label];
        for (let t: Thread = this.target; t !== thread; t = t.waitOn as Thread) cycle.push(t.label);
        cycle.push(thread.label);
        throw new DeadlockError(`${this.description} in ${thread.label} would deadlock: ${cycle.join(' → ')}`, cycle);
      }
      if (next.wait !== JOIN) return;
    }
  }
}

/**
 * Waits for a thread to end and returns its result. If it failed, throws a {@link ThreadFailedError} that names it
 * and carries the original error as `cause`; if it was cancelled, throws a {@link CancelledError}. Returns at once
 * for a thread that has already ended. Joining yourself, or closing a cycle of joins, throws a LoomError.
 *
 * @example
 * ```ts
 * const anim = yield* spawn(playAnimation, sprite, 'open');
 * const frames = yield* join(anim); // typed by playAnimation's return type
 * ```
 */
export function join<R>(thread: Thread<R>): Op<R> {
  return new Join(thread);
}
