import { checkThread, DeadlockError, JOIN, type Kernel, Op, settleJoin, type Thread, ThreadList, waitsFor } from '../core/kernel.ts';
import { misuse } from './misuse.ts';

class Join<R> extends Op<R> {
  constructor(private readonly target: Thread<R>) {
    super();
  }

  get description(): string {
    return `join(${this.target.label})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const target = this.target;
    if (target === thread) throw misuse(this, thread, 'a thread cannot join itself');
    if (target.engine !== kernel.engine) throw misuse(this, thread, `${target.label} belongs to another engine`);
    if (!target.alive) {
      settleJoin(thread, target);
      return false;
    }
    const cycle = waitsFor(target, thread);
    if (cycle !== null) {
      const labels = [thread.label, ...cycle.map((t) => t.label), thread.label];
      throw new DeadlockError(`${this.description} in ${thread.label} would deadlock: ${labels.join(' → ')}`, labels);
    }
    // A parent joining its child is found through the child when it ends, so the common spawn-then-join needs no
    // list (and no extra part for the child); other joiners queue on the target.
    const list = target.parent === thread ? null : (target.ensureExtra().joiners ??= new ThreadList());
    return kernel.park(thread, JOIN, target, list);
  }
}

/**
 * Waits for a thread to end and returns its result. If it failed, throws a {@link ThreadFailedError} that names it
 * and carries the original error as `cause`; if it was cancelled, throws a {@link CancelledError}. Returns at once
 * for a thread that has already ended. Joining yourself, a thread of another kernel, or closing a cycle of threads
 * waiting on each other (through joins, race and all branches, or a parent waiting for its children) throws a
 * LoomError (a {@link DeadlockError} for a cycle, listing its threads).
 *
 * @example
 * ```ts
 * const anim = yield* spawn(playAnimation, sprite, 'open');
 * const frames = yield* join(anim); // typed by playAnimation's return type
 * ```
 */
export function join<R>(thread: Thread<R>): Op<R> {
  checkThread(thread, 'join');
  return new Join(thread);
}
