import type { Engine } from '../engine.ts';
import { Op } from '../op.ts';
import type { Spawnable, SpawnOptions } from '../script.ts';
import type { Thread } from '../thread.ts';

class Spawn<R> extends Op<Thread<R>> {
  constructor(private readonly input: unknown[]) {
    super();
  }

  override get framing(): boolean {
    return true;
  }

  get description(): string {
    const script = this.input.find((x) => typeof x === 'function') as { name?: string } | undefined;
    return `spawn(${script?.name || '?'})`;
  }

  enter(thread: Thread, engine: Engine): boolean {
    thread.value = engine.create(thread, [...this.input], this);
    return false;
  }
}

/**
 * Starts a child thread running `script(...args)` and returns its handle at once. The child first runs later in
 * the same tick, after the threads already queued. Structured lifetime: when the spawning thread ends, its live
 * children are cancelled, youngest first. Pass `{ detached: true }` for fire-and-forget work owned by the engine,
 * and `{ name }` to name it.
 *
 * @example
 * ```ts
 * const minion = yield* spawn(minionScript, hive.position);
 * const fx = yield* spawn({ detached: true, name: 'explosion' }, explosion, at);
 * ```
 */
export function spawn<A extends unknown[], R>(script: Spawnable<A, R>, ...args: A): Op<Thread<R>>;
export function spawn<A extends unknown[], R>(options: SpawnOptions, script: Spawnable<A, R>, ...args: A): Op<Thread<R>>;
export function spawn(...input: unknown[]): Op<Thread> {
  return new Spawn(input);
}
