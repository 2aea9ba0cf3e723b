import { checkArgument, checkOperation, type Kernel, type MessagesOf, Op, type Thread } from '../core/kernel.ts';
import { Group, GroupOp } from './group.ts';

/** Anything `yield*` can run: an op, or a call of a sub-script made with `script()`. */
export type Operation<T = unknown> = Iterable<unknown, T, unknown>;

/** The result of a {@link race}: which entry won, and its value, typed per entry. */
export type RaceResult<T extends Record<string, Operation>> = {
  [K in keyof T]: { winner: K; value: T[K] extends Operation<infer V> ? V : never };
}[keyof T];

class Race<T extends Record<string, Operation>> extends GroupOp<RaceResult<T>, MessagesOf<T[keyof T]>> {
  constructor(private readonly entries: T) {
    super();
  }

  get description(): string {
    return `race(${Object.keys(this.entries).join(', ')})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    const keys = Object.keys(this.entries);
    const group = new Group(kernel, thread, 'race', keys, (index, value) => ({ winner: keys[index], value }));
    return group.start(Object.values(this.entries));
  }
}

/**
 * Runs each operation in a child thread; the first to end wins. The others are cancelled (their `finally` blocks
 * run, and may wait), and once they have all finished, `race` returns `{ winner, value }`. If the first to end
 * failed, `race` throws a ThreadFailedError with its error as the cause.
 *
 * @example
 * ```ts
 * const r = yield* race({ patrol: patrol(self), spotted: wait(function playerNear() { return near(self); }) });
 * if (r.winner === 'spotted') yield* chase(self);
 * ```
 */
export function race<T extends Record<string, Operation>>(entries: T): Op<RaceResult<T>, MessagesOf<T[keyof T]>> {
  const ok = typeof entries === 'object' && entries !== null && Object.keys(entries).length > 0;
  checkArgument(ok, entries, 'race', 'an object of one or more operations ({ name: op })');
  for (const op of Object.values(entries)) checkOperation(op, 'race');
  return new Race(entries);
}
