import { checkOperation, type Kernel, type MessagesIn, Op, type Thread } from '../core/kernel.ts';
import { Group, GroupOp } from './group.ts';
import type { Operation } from './race.ts';
import { sleep } from './sleep.ts';

/** The result of {@link timeout}. */
export type TimeoutResult<T> = { timedOut: false; value: T } | { timedOut: true };

class Timeout<T, M> extends GroupOp<TimeoutResult<T>, M> {
  constructor(private readonly seconds: number, private readonly op: Operation<T>) {
    super();
  }

  get description(): string {
    return `timeout(${this.seconds})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const finish = (index: number, value: unknown): TimeoutResult<T> =>
      index === 0 ? { timedOut: false, value: value as T } : { timedOut: true };
    const group = new Group(kernel, thread, 'race', ['op', `${this.seconds} s`], finish, 'timeout');
    return group.start([this.op, sleep(this.seconds)]);
  }
}

/**
 * Runs an operation with a time limit in simulated seconds. If it ends first: `{ timedOut: false, value }`.
 * If time runs out first, it is cancelled (its cleanup runs to the end) and the result is `{ timedOut: true }`.
 *
 * @example
 * ```ts
 * const r = yield* timeout(5, chase(self, player));
 * if (r.timedOut) yield* returnToPost(self);
 * ```
 */
export function timeout<T, Y>(seconds: number, op: Iterable<Y, T, unknown>): Op<TimeoutResult<T>, MessagesIn<Y>> {
  checkOperation(op, 'timeout');
  return new Timeout(seconds, op);
}
