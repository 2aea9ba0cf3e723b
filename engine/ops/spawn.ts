import { type AnySpawnable, type Kernel, Op, type SpawnedThread, type SpawnOptions, type SpawnRest, type Thread } from '../core/kernel.ts';

class Spawn extends Op<Thread> {
  constructor(private readonly input: unknown[]) {
    super();
  }

  override get framing(): boolean {
    return true;
  }

  override get spawns(): boolean {
    return true;
  }

  get description(): string {
    const script = this.input.find((x) => typeof x === 'function') as { name?: string } | undefined;
    return `spawn(${script?.name || '?'})`;
  }

  enter(thread: Thread, kernel: Kernel): boolean {
    thread.value = kernel.create(thread, this.input, this);
    return false;
  }
}

/**
 * Starts a child thread running `script(...args)` and returns its handle at once. The child first runs later in
 * the same tick, after the threads already queued. Structured lifetime: when the spawning thread ends, its live
 * children are cancelled, youngest first. Pass `{ detached: true }` for fire-and-forget work owned by the kernel,
 * and `{ name }` to name it. The arguments are checked against the script's parameters, and the handle is typed by
 * the script (see `ThreadOf`).
 *
 * @example
 * ```ts
 * const minion = yield* spawn(minionScript, hive.position);
 * const fx = yield* spawn({ detached: true, name: 'explosion' }, explosion, at);
 * ```
 */
export function spawn<F extends AnySpawnable | SpawnOptions, S extends AnySpawnable>(first: F, ...rest: SpawnRest<F, S>): Op<SpawnedThread<F, S>>;
export function spawn(...input: unknown[]): Op<Thread> {
  return new Spawn(input);
}
