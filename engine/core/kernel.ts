import type { Site } from '../diagnostics/call-site.ts';
import type { Engine } from './engine.ts';
import type { ChildFailedError } from './errors.ts';
import type { ThreadList } from './thread-list.ts';
import { tickingScheduler, type Thread } from './thread.ts';
import type { Wait } from './wait-kind.ts';
import type { Registry } from './registry.ts';

/**
 * What an op may do to the engine running it: read the clock, park the thread that started it, wake
 * threads, create children, cancel, queue a child failure. Ops are handed this, not the {@link Engine}, so a line
 * in an op can reach only what is named here (engine/ops/README.md).
 */
export interface Kernel {
  /** The engine, as scripts see it (`useEngine()`). */
  readonly engine: Engine;
  /** The tick running now. */
  readonly tick: number;
  /** Seconds of simulated time per tick. */
  readonly dt: number;
  /** Parks the running `thread` on `wait` with operand `waitOn`, optionally in `list`. */
  park(thread: Thread, wait: Wait, waitOn: unknown, list: ThreadList | null): true;
  /** Parks the running `thread` in the timing wheel until tick `due` (> this tick). */
  parkUntil(thread: Thread, wait: Wait, due: number): true;
  /** Parks the running `thread` until `predicate` holds, checked once per tick from the next one. */
  parkUntilTrue(thread: Thread, predicate: () => boolean): true;
  /** Wakes a waiting thread: its wait returns `value`. */
  wake(thread: Thread, value: unknown): void;
  /** Wakes a waiting thread: its wait throws `error`. */
  wakeWithError(thread: Thread, error: unknown): void;
  /**
   * Creates a thread from spawn arguments `[options?, script, ...args]`, spawned by `parent` at `site`; for a script's
   * spawn with no `site`, at the call site of the spawn op.
   */
  create(parent: Thread | null, input: readonly unknown[], op: string | { readonly description: string }, site?: Site | null): Thread;
  /**
   * The call site of the op the running `thread` is starting, if one was noted (call sites on): for a race or an
   * all to spawn its branches at. It stays where the thread waits.
   */
  startingSite(thread: Thread): Site | null;
  /** Cancels a thread, as `engine.cancel` does. */
  cancel(thread: Thread): boolean;
  /** A failure of one of `thread`'s children for it to throw at its next wait. */
  queueChildFailure(thread: Thread, error: ChildFailedError): void;
  /** Posts `message` to a live thread's mailbox, as `engine.send` does (the caller has checked it lives). */
  send(thread: Thread, message: unknown): void;
  /** The engine's names and groups. */
  readonly registry: Registry;
}

/** The kernel of the engine running `thread`. */
export function kernelOf(thread: Thread): Kernel {
  return thread.kernel;
}

/** With hot reload on, the newest version of `script` (a call runs it, from code not reloaded too). */
export function newestScript<F>(script: F): F {
  const hot = tickingScheduler()?.hot;
  return hot == null ? script : (hot.resolve(script as never) as F);
}

// What else an op may use of the core: the thread record, the op base, wait kinds, errors, argument checks, and
// call sites (a race passes its own on to its branches).
export type { Site } from '../diagnostics/call-site.ts';
export { atSite } from '../diagnostics/source-site.ts';
export { checkArgument, checkOperation, checkThread } from './arguments.ts';
export type { Engine } from './engine.ts';
export { CancelledError, ChildFailedError, DeadlockError, LoomError, ThreadFailedError } from './errors.ts';
export { settleJoin } from './lifecycle.ts';
export { type Mailbox, mailboxOwner, NO_MESSAGE } from './mailbox.ts';
export { ActorParts, addWatch, matchFailed, removeWatch, type EndWatch } from './actor-parts.ts';
export type { Registry } from './registry.ts';
export type { MessageFor, MessagesIn, MessagesOf } from './message-types.ts';
export { Op } from './op.ts';
export { checkScript, RAW_SCRIPT, type AnySpawnable, type Script, type SpawnedThread, type SpawnOptions, type SpawnRest, type SubScript } from './script.ts';
export { pushFrame } from './switch.ts';
export { ThreadList } from './thread-list.ts';
export { ThreadState } from './thread-state.ts';
export { Flag, runningThread, type ScriptGenerator, type Thread } from './thread.ts';
export { CALL, GROUP, JOIN, RECEIVE, SIGNAL, SLEEP, TICKS, TIMED_OUT } from './wait-kind.ts';
export { waitsFor } from './waits-for.ts';
