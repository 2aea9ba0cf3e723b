import { checkArgument, checkOperation, type Kernel, type MessagesOf, Op, type Thread } from '../core/kernel.ts';
import { Group, GroupOp } from './group.ts';
import type { Operation } from './race.ts';

/** The results of {@link all}, in the order of the operations. */
export type AllResults<T extends readonly Operation[]> = { -readonly [K in keyof T]: T[K] extends Operation<infer V> ? V : never };

class All<T extends readonly Operation[]> extends GroupOp<AllResults<T>, MessagesOf<T[number]>> {
  constructor(private readonly ops: T) {
    super();
  }

  get description(): string {
    return `all(${this.ops.length})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const keys = this.ops.map((_, i) => String(i));
    return new Group(kernel, thread, 'all', keys, (_index, _value, results) => results).start(this.ops);
  }
}

/**
 * Runs every operation in its own child thread and returns all their results, in order. The first failure
 * cancels the rest (their cleanup runs to the end first) and is thrown as a ThreadFailedError.
 *
 * @example
 * ```ts
 * const [a, b] = yield* all([walkTo(left, 3, 4), walkTo(right, 8, 4)]);
 * ```
 */
export function all<const T extends readonly Operation[]>(ops: T): Op<AllResults<T>, MessagesOf<T[number]>> {
  checkArgument(Array.isArray(ops), ops, 'all', 'an array of operations');
  for (const op of ops) checkOperation(op, 'all');
  return new All(ops);
}
