import type { ScriptStack } from '../diagnostics/script-stack.ts';

/**
 * Misuse of the engine: a bad argument to an op, a join that would deadlock, a value yielded that is not an op.
 * The message names the thread and the op, e.g. `sleep(-1) in #4 grunt: seconds must be a finite number ≥ 0`.
 *
 * @example
 * ```ts
 * try { yield* sleep(NaN); } catch (e) { if (e instanceof LoomError) console.warn(e.message); }
 * ```
 */
export class LoomError extends Error {
  override name = 'LoomError';
}

/**
 * Thrown by `join` when the joined thread failed. `thread` is the failed thread's label; `cause` is its original error;
 * `scriptStack` is where in its scripts it failed.
 *
 * @example
 * ```ts
 * try { yield* join(child); } catch (e) { if (e instanceof ThreadFailedError) console.log(e.thread, e.cause); }
 * ```
 */
export class ThreadFailedError extends Error {
  override name = 'ThreadFailedError';
  constructor(
    readonly thread: string,
    cause: unknown,
    /** The failed thread's script stack where `cause` was thrown, and how it was spawned (see `formatFailure`). */
    readonly scriptStack: ScriptStack | null = null,
  ) {
    super(`thread ${thread} failed: ${messageOf(cause)}`, { cause });
  }
}

/**
 * Thrown by `join` when the joined thread was cancelled, and by `race`/`all` when every branch was cancelled.
 *
 * @example
 * ```ts
 * try { yield* join(child); } catch (e) { if (e instanceof CancelledError) console.log(e.thread, 'was cancelled'); }
 * ```
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(readonly thread: string) {
    super(`thread ${thread} was cancelled`);
  }
}

/**
 * Thrown into a parent at its current wait when a child fails and nothing joins the child.
 * The parent may catch it and go on; if it does not, the parent fails in turn.
 *
 * @example
 * ```ts
 * try { yield* sleep(10); } catch (e) { if (e instanceof ChildFailedError) respawn(); else throw e; }
 * ```
 */
export class ChildFailedError extends ThreadFailedError {
  override name = 'ChildFailedError';
}

/**
 * Thrown by `join` when the join would close a cycle of threads joining each other; `cycle` lists their labels.
 *
 * @example
 * ```ts
 * // #1 a joins #2 b while #2 b joins #1 a:
 * // DeadlockError: join(#1 a) in #2 b would deadlock: #2 b → #1 a → #2 b
 * ```
 */
export class DeadlockError extends LoomError {
  override name = 'DeadlockError';
  constructor(message: string, readonly cycle: readonly string[]) {
    super(message);
  }
}

/**
 * What a cancelled thread has thrown into it at the wait where the cancel reached it: it unwinds every frame, plain
 * `yield*` helpers included, running each `finally` (which may wait), and the thread ends `cancelled` once it
 * escapes the script. Deliberately not an `Error`, and not a {@link CancelledError} (which is what a *joiner* of a
 * cancelled thread gets): a `catch` that handles errors must let it through.
 *
 * @example
 * ```ts
 * try { yield* walkTo(self, post); }
 * catch (e) { if (isCancellation(e)) throw e; self.say('cannot get there'); }
 * ```
 */
export class Cancellation {
  readonly name = 'Cancellation';
  /** The cancelled thread's label, e.g. `#12 grunt`. */
  constructor(readonly thread: string) {}

  get message(): string {
    return `thread ${this.thread} was cancelled`;
  }

  toString(): string {
    return `Cancellation: ${this.message}`;
  }
}

/**
 * Whether `error` is a thread's {@link Cancellation}: rethrow it from any `catch` around a wait.
 *
 * @example
 * ```ts
 * catch (e) { if (isCancellation(e)) throw e; retries++; }
 * ```
 */
export function isCancellation(error: unknown): error is Cancellation {
  return error instanceof Cancellation;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
