import { Cancellation, LoomError } from './errors.ts';
import { Op } from './op.ts';
import { scriptCancelled, scriptFailed, scriptReturned } from './lifecycle.ts';
import type { Scheduler } from './scheduler.ts';
import { Flag, Resume, type ScriptGenerator, type Thread, type ThreadExtra } from './thread.ts';

// The context-switch core: the only code that calls next, throw or return on a script's generators.
// It resumes a thread's top frame, pushes and pops sub-script frames, and, on cancel, throws the thread's
// Cancellation into it and then into each frame below as the one above lets it through.

// Every generator shares one `next`, but each generator function gives its generators a hidden class of their own,
// so once a game runs a dozen scripts, looking `next` up on each generator here is a megamorphic lookup (its cost
// is in BENCHMARKS.md). Calling the shared function directly skips the lookup; the price is that a `next` defined
// on a script's own generator prototype is ignored (nothing in a script has reason to).
const NEXT = (Object.getPrototypeOf(function* () {}) as { prototype: ScriptGenerator }).prototype.next;

/**
 * Runs the thread in `slot` from its saved context until it parks or ends. Never re-entered: waking only queues, and
 * `engine.step` refuses to nest. Everything a script throws is caught below, so nothing unwinds through here.
 */
export function run(scheduler: Scheduler, slot: number): void {
  // Flags of 0 but DETACHED (see PLAIN_FLAGS) are the common case, told by a mask and a comparison with literals:
  // comparing with an imported constant, or taking this resume through the mode check, measured slower.
  // On this path nothing reads the thread's record, nor even the column of threads: see ThreadColumns.
  const columns = scheduler.columns;
  const plain = (columns.flags[slot]! & -17) === 0; // -17: every bit but Flag.DETACHED
  if (plain) columns.running = slot;
  else columns.threads[slot]!.beginRun();
  if (plain ? resumeNext(scheduler, slot, undefined) : resumeFirst(scheduler, columns.threads[slot]!)) {
    const thread = columns.threads[slot]!;
    while (resumeFrame(scheduler, thread));
  }
  columns.running = -1;
}

// The first frame resume off the plain path: where a break asked by `engine.breakBeforeResume` is taken.
function resumeFirst(scheduler: Scheduler, thread: Thread): boolean {
  if ((thread.flags & Flag.BREAK) === 0) return resumeFrame(scheduler, thread);
  thread.flags &= ~Flag.BREAK;
  // Paused by engine.breakBeforeResume(thread): step into the next call, and on into the script where it waits.
  // eslint-disable-next-line no-debugger -- the point of the break: DevTools or `node --inspect` stops here
  debugger;
  return resumeFrame(scheduler, thread);
}

/** One resume of the top frame; returns true while the thread goes on running (a frame was pushed or popped). */
function resumeFrame(scheduler: Scheduler, thread: Thread): boolean {
  if (thread.mode !== Resume.NEXT) return resumeThrowing(scheduler, thread);
  const value = thread.value;
  if (value !== undefined) thread.value = undefined;
  return resumeNext(scheduler, thread.slot, value);
}

// Both resumes leave the thread to resume with next() and nothing: whatever parks it next sets its own resume.

/** A frame resume with `next(value)`, nearly every one; the thread's value is already cleared. */
function resumeNext(scheduler: Scheduler, slot: number, value: unknown): boolean {
  const columns = scheduler.columns;
  let result: IteratorResult<unknown, unknown>;
  try {
    result = NEXT.call(columns.gens[slot]!, value);
  } catch (error) {
    return frameThrew(scheduler, columns.threads[slot]!, error);
  }
  if (result.done === true) return frameReturned(scheduler, columns.threads[slot]!, result.value);
  // Most resumes end here: a bare `yield` with the flags still plain (no cancel asked meanwhile). The arrays are
  // read afresh: the script may have spawned, and so grown them.
  if (result.value === undefined && (columns.flags[slot]! & -17) === 0) {
    scheduler.parkNextTick(slot); // the flags say READY: this is its state check
    return false;
  }
  return !yielded(scheduler, columns.threads[slot]!, result.value);
}

/** A frame resume with `throw(value)`: an error, or the thread's Cancellation. */
function resumeThrowing(scheduler: Scheduler, thread: Thread): boolean {
  const gen = thread.gen!;
  const error = thread.value;
  thread.mode = Resume.NEXT;
  thread.value = undefined;
  let result: IteratorResult<unknown, unknown>;
  try {
    result = gen.throw(error);
  } catch (thrown) {
    return frameThrew(scheduler, thread, thrown);
  }
  if (result.done === true) return frameReturned(scheduler, thread, result.value);
  return !yielded(scheduler, thread, result.value);
}

/** Handles what a frame yielded; returns true when the thread parked. */
function yielded(scheduler: Scheduler, thread: Thread, op: unknown): boolean {
  // A pending failure or cancel is thrown at the next op but a frame push (see Op.isWait): the op is dropped.
  if ((thread.flags & (Flag.FAILURES | Flag.CANCEL_PENDING)) !== 0 && isWait(op) && throwPending(thread)) return false;
  if (op === undefined) {
    thread.yieldTick();
    scheduler.parkNextTick(thread.slot);
    return true;
  }
  if (op instanceof Op) {
    try {
      return op.enter(thread, scheduler);
    } catch (error) {
      setResume(thread, Resume.THROW, error);
      return false;
    }
  }
  setResume(thread, Resume.THROW, notAnOp(thread, op));
  return false;
}

function isWait(op: unknown): boolean {
  return !(op instanceof Op) || op.isWait;
}

// At a wait, or the end of a shield, outside any shield: the oldest queued child failure, else a pending cancel, is
// thrown there instead.
function throwPending(thread: Thread): boolean {
  const extra = thread.ensureExtra();
  if (extra.shields !== null) return false;
  if ((thread.flags & Flag.FAILURES) !== 0) {
    const failures = extra.failures!;
    setResume(thread, Resume.THROW, failures.shift());
    if (failures.length === 0) {
      extra.failures = null;
      thread.flags &= ~Flag.FAILURES;
    }
    return true;
  }
  setResume(thread, Resume.THROW, beginCancel(thread));
  return true;
}

/**
 * The thread's Cancellation, from now on unwinding it from its top frame down. The caller makes the
 * thread resume by throwing it.
 */
export function beginCancel(thread: Thread): Cancellation {
  const extra = thread.ensureExtra();
  thread.flags = (thread.flags & ~Flag.CANCEL_PENDING) | Flag.CANCELLING;
  extra.cancelDepth = thread.depth - 1;
  return (extra.cancellation = new Cancellation(thread.label));
}

function frameReturned(scheduler: Scheduler, thread: Thread, value: unknown): boolean {
  const top = thread.depth - 1;
  if (unwindingAt(thread, top)) {
    scheduler.report(swallowed(thread), thread);
    return frameUnwound(scheduler, thread, top);
  }
  if (top === 0) {
    scriptReturned(scheduler, thread, value);
    return false;
  }
  // The end of the outermost shield is where what it held is thrown, as at a wait: no code after it runs first.
  const unshielded = popFrame(thread);
  if (unshielded && (thread.flags & (Flag.FAILURES | Flag.CANCEL_PENDING)) !== 0 && throwPending(thread)) return true;
  setResume(thread, Resume.NEXT, value);
  return true;
}

function frameThrew(scheduler: Scheduler, thread: Thread, error: unknown): boolean {
  const top = thread.depth - 1;
  if (unwindingAt(thread, top)) {
    if (error !== thread.extra!.cancellation) {
      noteThrown(thread, error);
      scheduler.report(error, thread); // cleanup code threw: unwinding goes on
    }
    return frameUnwound(scheduler, thread, top);
  }
  noteThrown(thread, error);
  if (top === 0) {
    scriptFailed(scheduler, thread, error);
    return false;
  }
  popFrame(thread);
  setResume(thread, Resume.THROW, error);
  return true;
}

// The script stack of an error is the one where it first left a frame the engine owns, before any is popped: a
// frame below that catches it and throws it again keeps it.
function noteThrown(thread: Thread, error: unknown): void {
  const extra = thread.ensureExtra();
  if (extra.thrown?.error !== error || error === undefined) extra.thrown = thread.stackNow(error);
}

// A frame the Cancellation was unwinding is gone: the frame below has the Cancellation thrown into it next, or,
// with none left, the thread ends cancelled. So nothing after the cancelled point runs in any frame the engine owns.
function frameUnwound(scheduler: Scheduler, thread: Thread, top: number): boolean {
  if (top === 0) {
    scriptCancelled(scheduler, thread);
    return false;
  }
  popFrame(thread);
  const extra = thread.extra!;
  extra.cancelDepth = top - 1;
  setResume(thread, Resume.THROW, extra.cancellation);
  return true;
}

// Frames pushed by cleanup code (a sub-script called in a `finally`) sit above cancelDepth and run normally.
function unwindingAt(thread: Thread, depth: number): boolean {
  return (thread.flags & Flag.CANCELLING) !== 0 && depth <= thread.extra!.cancelDepth;
}

function swallowed(thread: Thread): LoomError {
  const frame = thread.frames.at(-1);
  return new LoomError(
    `${thread.label} was cancelled, but ${frame} returned instead of letting its Cancellation through: ` +
      'a catch swallowed it, or a finally returned (rethrow it: `if (isCancellation(e)) throw e`). ' +
      'Unwinding goes on below it.',
  );
}

/** Pushes a sub-script frame on top of `thread`; the core resumes it next. A shield frame holds cancels. */
export function pushFrame(thread: Thread, gen: ScriptGenerator, name: string, shield: boolean): void {
  const extra = thread.extra;
  if (extra !== null && (extra.site !== null || extra.sites !== null)) noteCallSite(extra, thread.depth - 1);
  let stack = thread.stack;
  if (typeof stack === 'function') thread.stack = stack = [stack];
  stack.push(thread.gen!, name);
  thread.gen = gen;
  thread.mode = Resume.NEXT;
  thread.value = undefined;
  if (shield) (thread.ensureExtra().shields ??= []).push(thread.depth - 1);
}

// Where frame `caller` called the frame pushed now; a call made by a shield frame is shown at the shield's call.
function noteCallSite(extra: ThreadExtra, caller: number): void {
  const sites = (extra.sites ??= []);
  sites[caller] = extra.shields?.at(-1) === caller ? (sites[caller - 1] ?? null) : extra.site;
  extra.site = null;
}

/** Pops the top frame; returns true when it was the outermost shield, so nothing holds cancels any more. */
function popFrame(thread: Thread): boolean {
  const stack = thread.stack as unknown[];
  const shields = thread.extra?.shields;
  let unshielded = false;
  if (shields != null && shields.at(-1) === thread.depth - 1) {
    shields.pop();
    if (shields.length === 0) {
      thread.extra!.shields = null;
      unshielded = true;
    }
  }
  stack.pop();
  thread.gen = stack.pop() as ScriptGenerator;
  // The emptied array stays: a thread that calls one sub-script calls more, and a new array per call is garbage
  // that lives as long as the call, long enough to be promoted.
  return unshielded;
}

function setResume(thread: Thread, mode: Resume, value: unknown): void {
  thread.mode = mode;
  thread.value = value;
}

function notAnOp(thread: Thread, value: unknown): LoomError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const hint = typeof value === 'object' && value !== null && Symbol.iterator in value
    ? ' (to run a sub-script or an op, use `yield*`, not `yield`)'
    : ' (use `yield` alone to wait one tick, or `yield*` an op such as `sleep(1)`)';
  return new LoomError(`${thread.label} yielded ${shown}, which is not an op${hint}`);
}
