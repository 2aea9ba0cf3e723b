import type { Step } from './message-types.ts';
import type { Kernel } from './kernel.ts';
import type { Scheduler } from './scheduler.ts';
import { tickingScheduler, type Thread } from './thread.ts';
import { CallSiteMode } from '../diagnostics/call-site.ts';

/**
 * How an op reaches the engine from a script's `yield* op`: each engine has one, so nothing is shared between
 * engines. `yield*` calls the op's iterator, which is this object; its first `next` hands the op to the engine, and
 * the engine's resume arrives as the second `next`, which ends the delegation with the op's result. One iterator
 * per engine means a wait keeps no object alive until the wake: the op is garbage as soon as the engine has read
 * it. The two results it returns are its own too: a suspended `yield*` holds the inner result in a register until
 * the wake, so a fresh `{ value: op }` per wait would keep the op and its operands alive as long as the wait (long
 * enough to be promoted: about 100 bytes a wait), and a fresh result per end was garbage as plentiful as waits.
 */
export class Handover implements Iterator<unknown, unknown, unknown> {
  /** The op started and not yet handed over. */
  pending: Op<unknown, unknown> | null = null;
  private readonly handed: IteratorYieldResult<unknown> = { value: undefined, done: false };
  private readonly ended: IteratorReturnResult<unknown> = { value: undefined, done: true };

  next(value?: unknown): IteratorResult<unknown, unknown> {
    const op = this.pending;
    if (op !== null) {
      this.handed.value = op;
      this.pending = null;
      return this.handed;
    }
    this.ended.value = value;
    return this.ended;
  }

  throw(error?: unknown): IteratorResult<unknown, unknown> {
    throw error;
  }

  return(value?: unknown): IteratorResult<unknown, unknown> {
    this.ended.value = value;
    return this.ended;
  }

  /** Drops the last op and result it holds, so it keeps nothing alive between ticks. */
  forget(): void {
    this.handed.value = undefined;
    this.ended.value = undefined;
  }
}

// Outside any engine's tick (a script's generator driven by hand), an op is handed over by an iterator of its own.
function* handedAlone(op: Op<unknown, unknown>): Generator<unknown, unknown, unknown> {
  return yield op;
}

/**
 * An operation a script performs with `yield*`: plain data with a readable description, interpreted by the
 * engine. `T` is what `yield*` returns; `M` is the type of the messages it receives (see {@link Step}).
 *
 * @example
 * ```ts
 * const hit: Op<number> = wait(damaged);
 * console.log(hit.description); // "wait(signal damaged)"
 * const amount = yield* hit;    // typed: number
 * ```
 */
export abstract class Op<T = unknown, M = never> implements Iterable<Step<M>, T, unknown> {
  /** Readable form, e.g. `sleep(2)`: errors and the inspector show it. */
  abstract readonly description: string;

  /**
   * @internal Starts the op for `thread`: either parks it (returns true) or completes at once, leaving the
   * thread's resume (mode and value) set (returns false). Throwing a {@link LoomError} fails the op in the thread.
   */
  abstract enter(thread: Thread, kernel: Kernel): boolean;

  /**
   * @internal Whether a cancel or child failure pending for the thread is thrown at this op instead of starting it.
   * Every op is such a point but those that only push a frame (a sub-script call, a shield): a shield entered with
   * a cancel pending holds it, so cleanup that a script shields always runs.
   */
  get isWait(): boolean {
    return true;
  }

  /** @internal Whether its call site is captured with `callSites: 'frames'` too: it pushes a frame or spawns. */
  get framing(): boolean {
    return false;
  }

  /** @internal Whether it spawns a thread: with `callSites: 'frames'`, it takes its call site from the SiteTable. */
  get spawns(): boolean {
    return false;
  }

  // `yield* op` calls this from the script's line: the one place that sees where every op is started.
  [Symbol.iterator](): Iterator<Step<M>, T, unknown> {
    const scheduler = tickingScheduler();
    if (scheduler === null) return handedAlone(this) as Iterator<Step<M>, T, unknown>;
    const handover = scheduler.handover;
    handover.pending = this;
    if (scheduler.callSiteMode !== CallSiteMode.off) noteSite(scheduler, this);
    return handover as Iterator<Step<M>, T, unknown>;
  }

  toString(): string {
    return this.description;
  }
}

// The running thread's latest op site: a pushed frame or a spawn takes it, and a wait leaves it to show where.
function noteSite(scheduler: Scheduler, op: Op<unknown, unknown>): void {
  // Taken before anything else, so that a placement never outlives the op it was made for.
  const placed = scheduler.sites.takePlaced();
  const columns = scheduler.columns;
  if (columns.running < 0 || (scheduler.callSiteMode === CallSiteMode.frames && !op.framing)) return;
  const thread = columns.threads[columns.running]!;
  const site = placed ?? scheduler.sites.capture(ITERATOR);
  if (scheduler.callSiteMode === CallSiteMode.frames && op.spawns) scheduler.sites.noteSpawn(thread, site);
  else thread.ensureExtra().site = site;
}

const ITERATOR = Op.prototype[Symbol.iterator] as (...args: never[]) => unknown;

/** The result type of an op or of a sub-script call. */
export type OpResult<O> = O extends Iterable<unknown, infer T, unknown> ? T : never;
