import { checkOperation, type MessagesIn, Op, pushFrame, type Thread } from '../core/kernel.ts';
import type { Operation } from './race.ts';

function* shielded<T>(op: Operation<T>): Generator<unknown, T, unknown> {
  return yield* op;
}

/** The op `shield()` makes: its type tells tools (the lint rule for waits in `finally`) that it is shielded. */
export type Shielded<T = unknown, M = never> = Op<T, M> & { readonly shielded: true };

class Shield<T, M> extends Op<T, M> {
  readonly shielded = true;

  constructor(private readonly op: Operation<T>) {
    super();
  }

  override get framing(): boolean {
    return true;
  }

  override get isWait(): boolean {
    return false;
  }

  get description(): string {
    return 'shield()';
  }

  enter(thread: Thread): boolean {
    pushFrame(thread, shielded(this.op), 'shield', true);
    return false;
  }
}

/**
 * Runs an operation (an op, a sub-script call, or a plain generator) to its end even if the thread is cancelled
 * meanwhile: a cancel that lands while it runs (or was due as it began), or a child's failure, waits until it ends
 * and is thrown where it ends, as at a wait (a failure first, the cancel at the next wait), so no code after the
 * shield runs, in its `finally` or its caller's: put all of a `finally`'s cleanup inside its shield. Put cleanup
 * that waits in a shield: a `finally` runs on every exit, and without one a cancel that arrives while the cleanup
 * already runs (it began on a normal return, or while an error was on its way out) is thrown at the cleanup's wait
 * and cuts it short. Keep shielded work finite: nothing can stop it.
 *
 * @example
 * ```ts
 * function* grunt(self: Entity) {
 *   try { yield* patrol(self); }
 *   finally { yield* shield(playDeath(self)); } // plays in full, however the script ends
 * }
 * ```
 */
export function shield<T, Y>(op: Iterable<Y, T, unknown>): Shielded<T, MessagesIn<Y>> {
  checkOperation(op, 'shield');
  return new Shield(op);
}
