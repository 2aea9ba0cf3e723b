import { dropWatch, type ActorParts } from './actor-parts.ts';
import { childList, withoutChild } from './children.ts';
import { CancelledError, ChildFailedError, ThreadFailedError } from './errors.ts';
import type { Scheduler } from './scheduler.ts';
import { ThreadState } from './thread-state.ts';
import { Flag, Resume, type Thread, type ThreadExtra } from './thread.ts';
import { CHILDREN, JOIN } from './wait-kind.ts';

// How a thread ends. Its script is over when its bottom frame returns, throws or lets its Cancellation through
// (script*); the thread ends once its children have (endThread), which wakes its joiners and routes an unobserved
// failure to its parent or the error hook.

/** The bottom frame returned: DONE, even with a cancel pending that no wait was left to receive. */
export function scriptReturned(scheduler: Scheduler, thread: Thread, value: unknown): void {
  scriptOver(scheduler, thread, ThreadState.DONE, value);
}

/** Its Cancellation escaped the bottom frame. */
export function scriptCancelled(scheduler: Scheduler, thread: Thread): void {
  scriptOver(scheduler, thread, ThreadState.CANCELLED, undefined);
}

/** An error escaped the bottom frame. */
export function scriptFailed(scheduler: Scheduler, thread: Thread, error: unknown): void {
  if (scheduler.onThreadFailed !== null) scheduler.tellFailed(thread, error);
  if (scheduler.hot !== null && scheduler.hot.holds(thread, error)) return;
  scriptOver(scheduler, thread, ThreadState.FAILED, error);
}

/**
 * A failure of one of `thread`'s children for it to observe: thrown at its current wait if it waits
 * (outside a shield), else queued and thrown at its next wait (or where its shield ends), one per wait. A thread
 * that can no longer throw it (its script is over, or it is being cancelled) hands it to the error hook instead.
 */
export function deliverChildFailure(scheduler: Scheduler, thread: Thread, error: ChildFailedError): void {
  const throwable = thread.state === ThreadState.WAITING && thread.wait !== CHILDREN && thread.extra?.shields == null;
  if (throwable && (thread.flags & Flag.CANCELLING) === 0) scheduler.makeReady(thread, Resume.THROW, error);
  else queueChildFailure(scheduler, thread, error); // or reported, if it can no longer throw it
}

/** A child failure for `thread` to throw at its next wait (see deliverChildFailure). */
export function queueChildFailure(scheduler: Scheduler, thread: Thread, error: ChildFailedError): void {
  if (thread.gen === null || (thread.flags & Flag.CANCELLING) !== 0) {
    scheduler.report(error, thread);
    return;
  }
  const extra = thread.ensureExtra();
  (extra.failures ??= []).push(error);
  thread.flags |= Flag.FAILURES;
}

/** Child failures queued for `thread`'s next wait go to the error hook: it has no such wait left. */
export function reportQueued(scheduler: Scheduler, thread: Thread, extra: ThreadExtra): void {
  const failures = extra.failures;
  if (failures === null) return;
  extra.failures = null;
  thread.flags &= ~Flag.FAILURES;
  for (const failure of failures) scheduler.report(failure, thread);
}

/**
 * Sets `joiner` to resume from a join of the ended `target`: with its result, or throwing a
 * {@link ThreadFailedError} (which marks the failure observed) or a {@link CancelledError}.
 */
export function settleJoin(joiner: Thread, target: Thread): void {
  joiner.mode = target.state === ThreadState.DONE ? Resume.NEXT : Resume.THROW;
  if (target.state === ThreadState.DONE) joiner.value = target.value;
  else if (target.state === ThreadState.CANCELLED) joiner.value = new CancelledError(target.label);
  else {
    joiner.value = new ThreadFailedError(target.label, target.value, target.scriptStack);
    target.flags |= Flag.OBSERVED;
  }
}

// Structured lifetime: a thread whose script is over ends only once its children have, so a join of it
// returns after the whole tree is gone. Its live children are cancelled, youngest first, and it waits.
function scriptOver(scheduler: Scheduler, thread: Thread, state: ThreadState, value: unknown): void {
  thread.gen = null;
  scheduler.accounting.scriptOver(thread.slot);
  thread.stack = thread.script;
  const extra = thread.extra;
  if (extra === null) {
    endChain(scheduler, thread, state, value);
    return;
  }
  reportUndelivered(scheduler, thread, extra);
  if (extra.children === null) {
    endChain(scheduler, thread, state, value);
    return;
  }
  extra.endState = state;
  extra.endValue = value;
  scheduler.park(thread, CHILDREN, undefined, null);
  for (const child of childList(extra.children).reverse()) scheduler.cancel(child);
}

// Child failures still queued when a thread's script ends had no wait left to be thrown at; nor had a cancel.
function reportUndelivered(scheduler: Scheduler, thread: Thread, extra: ThreadExtra): void {
  extra.shields = null;
  thread.flags &= ~Flag.CANCEL_PENDING;
  reportQueued(scheduler, thread, extra);
}

// A loop, not recursion: the last child of a chain of threads whose scripts are over ends the whole chain, which
// may be any number of threads deep.
function endChain(scheduler: Scheduler, thread: Thread, state: ThreadState, value: unknown): void {
  for (let parent = endThread(scheduler, thread, state, value); parent !== null; ) {
    const extra = parent.extra!;
    parent = endThread(scheduler, parent, extra.endState, extra.endValue);
  }
}

// Ends one thread; returns its parent if that was waiting for this last child to end.
function endThread(scheduler: Scheduler, thread: Thread, state: ThreadState, value: unknown): Thread | null {
  if (state === ThreadState.CANCELLED && scheduler.hot !== null && scheduler.hot.restart(thread)) return null;
  thread.become(state);
  thread.wait = null;
  thread.value = value;
  thread.freeSlot();
  scheduler.forget();
  const parent = thread.parent;
  if (parent !== null && parent.wait === JOIN && parent.waitOn === thread) {
    scheduler.makeReady(parent); // the parent's join is in no list (see Join); it wakes before the other joiners
    settleJoin(parent, thread);
  }
  if (thread.extra !== null) releaseExtra(scheduler, thread);
  let parentEnds = false;
  if (parent !== null) {
    const extra = parent.extra!;
    extra.children = withoutChild(extra.children, thread);
    parentEnds = extra.children === null && parent.wait === CHILDREN;
  }
  if (state === ThreadState.FAILED && (thread.flags & Flag.OBSERVED) === 0) propagate(scheduler, thread, value);
  return parentEnds ? parent : null;
}

// An ended thread's extra record keeps only what its handle shows (name, failure stack, counts); its joiners wake.
function releaseExtra(scheduler: Scheduler, thread: Thread): void {
  const extra = thread.extra!;
  extra.sites = null;
  extra.site = null;
  if (thread.state !== ThreadState.FAILED) extra.thrown = null; // a failure keeps its script stack
  extra.mailbox = null;
  extra.endValue = undefined;
  extra.cancellation = null;
  if (extra.actor !== null) endActor(scheduler, thread, extra.actor);
  const joiners = extra.joiners;
  extra.joiners = null;
  if (joiners) {
    for (let joiner = joiners.shift(); joiner !== null; joiner = joiners.shift()) {
      scheduler.makeReady(joiner);
      settleJoin(joiner, thread);
    }
  }
  if (extra.group) extra.group.ended(thread);
}

// An ended actor leaves its names and groups, drops the watches it held, and its own watchers are told, in the
// order they started watching: before its joiners run and before its failure reaches its observer.
function endActor(scheduler: Scheduler, thread: Thread, parts: ActorParts): void {
  scheduler.registry.release(thread, parts);
  parts.matcher = null;
  parts.matching = null;
  parts.call = null;
  const watching = parts.watching;
  parts.watching = null;
  for (const watch of watching ?? []) dropWatch(watch.target.extra?.actor?.watchers ?? null, watch);
  const watchers = parts.watchers;
  parts.watchers = null;
  for (const watch of watchers ?? []) {
    dropWatch(watch.watcher.extra?.actor?.watching ?? null, watch);
    watch.targetEnded();
  }
}

// An unobserved failure goes to the parent (see deliverChildFailure); a root or detached thread's goes to the
// error hook. A supervisor observes its children's failures through its monitors: none is thrown into it.
function propagate(scheduler: Scheduler, thread: Thread, error: unknown): void {
  const parent = thread.parent;
  if (parent === null) {
    scheduler.report(error, thread);
    return;
  }
  thread.flags |= Flag.OBSERVED;
  if (parent.extra?.actor?.observesChildren === true) return;
  deliverChildFailure(scheduler, parent, new ChildFailedError(thread.label, error, thread.scriptStack));
}
