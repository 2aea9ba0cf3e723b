import { LoomError } from './errors.ts';
import { Op } from './op.ts';
import { Flag, Resume, endRun, startRunning, type ScriptGenerator, type Thread } from './thread.ts';
import { columns } from './thread-columns.ts';
import type { Engine } from './engine.ts';

// The context-switch core: the only code that calls next, throw or return on a script's generators.
// It resumes a thread's top frame, pushes and pops sub-script frames, and unwinds frame by frame on cancel.

// Every generator shares one `next`, but each generator function gives its generators a hidden class of their own,
// so once a game runs a dozen scripts, looking `next` up on each generator here is a megamorphic lookup: about
// 3 ns a resume (15%) at 10k frame threads. Calling the shared function directly skips the lookup; the price is
// that a `next` defined on a script's own generator prototype is ignored (nothing in a script has reason to).
const NEXT = (Object.getPrototypeOf(function* () {}) as { prototype: ScriptGenerator }).prototype.next;

/**
 * Runs the thread in `slot` from its saved context until it parks or ends. Never re-entered: waking only queues, and
 * `engine.step` refuses to nest. Everything a script throws is caught below, so nothing unwinds through here.
 */
export function run(engine: Engine, slot: number): void {
  // Flags of 0 are the common case (see PLAIN_FLAGS), told by one comparison with a literal: comparing with an
  // imported constant, or taking the step through the mode check, cost 2 to 4% a resume at 10k frame threads.
  // On this path nothing reads the thread's record, nor even the column of threads: see ThreadColumns.
  const plain = columns.flags[slot] === 0;
  if (plain) startRunning(slot);
  else columns.threads[slot]!.beginRun();
  if (plain ? stepNext(engine, slot, undefined) : step(engine, columns.threads[slot]!)) {
    const thread = columns.threads[slot]!;
    while (step(engine, thread));
  }
  endRun();
}

/** One resume of the top frame; returns true while the thread goes on running (a frame was pushed or popped). */
function step(engine: Engine, thread: Thread): boolean {
  if (thread.mode !== Resume.NEXT) return stepAbruptly(engine, thread);
  const value = thread.value;
  if (value !== undefined) thread.value = undefined;
  return stepNext(engine, thread.slot, value);
}

// Both steps leave the thread to resume with next() and nothing: whatever parks it next sets its own resume.

/** A step resuming with `next(value)`, nearly every one; the thread's value is already cleared. */
function stepNext(engine: Engine, slot: number, value: unknown): boolean {
  let result: IteratorResult<unknown, unknown>;
  try {
    result = NEXT.call(columns.gens[slot]!, value);
  } catch (error) {
    return frameThrew(engine, columns.threads[slot]!, error);
  }
  if (result.done === true) return frameReturned(engine, columns.threads[slot]!, result.value);
  // Most resumes end here: a bare `yield` with the flags still plain (no cancel asked meanwhile).
  if (result.value === undefined && columns.flags[slot] === 0) {
    engine.parkNextTick(slot); // the flags say READY: this is its state check
    return false;
  }
  return !yielded(engine, columns.threads[slot]!, result.value);
}

/** A step resuming with `throw()` or `return()`, as the thread's mode says. */
function stepAbruptly(engine: Engine, thread: Thread): boolean {
  const gen = thread.gen!;
  const mode = thread.mode;
  const value = thread.value;
  thread.mode = Resume.NEXT;
  thread.value = undefined;
  let result: IteratorResult<unknown, unknown>;
  try {
    result = mode === Resume.THROW ? gen.throw(value) : gen.return(value);
  } catch (error) {
    return frameThrew(engine, thread, error);
  }
  if (result.done === true) return frameReturned(engine, thread, result.value);
  return !yielded(engine, thread, result.value);
}

/** Handles what a frame yielded; returns true when the thread parked. */
function yielded(engine: Engine, thread: Thread, op: unknown): boolean {
  if ((thread.flags & Flag.CANCEL_PENDING) !== 0) {
    beginUnwind(thread); // the op is dropped: nothing after the cancelled point runs
    return false;
  }
  if (op === undefined) {
    thread.yieldTick();
    engine.parkNextTick(thread.slot);
    return true;
  }
  if (op instanceof Op) {
    try {
      return op.enter(thread, engine);
    } catch (error) {
      resumeWith(thread, Resume.THROW, error);
      return false;
    }
  }
  resumeWith(thread, Resume.THROW, notAnOp(thread, op));
  return false;
}

function frameReturned(engine: Engine, thread: Thread, value: unknown): boolean {
  const top = thread.depth - 1;
  if (top === 0) {
    engine.finish(thread, value);
    return false;
  }
  popFrame(thread);
  if (unwindingAt(thread, top)) return continueUnwind(thread, top);
  resumeWith(thread, Resume.NEXT, value);
  return true;
}

function frameThrew(engine: Engine, thread: Thread, error: unknown): boolean {
  const top = thread.depth - 1;
  const cleanup = unwindingAt(thread, top);
  if (cleanup) engine.report(error, thread);
  if (top === 0) {
    if (cleanup) engine.finish(thread, undefined);
    else engine.fail(thread, error);
    return false;
  }
  popFrame(thread);
  if (cleanup) return continueUnwind(thread, top);
  resumeWith(thread, Resume.THROW, error);
  return true;
}

/** @internal Pushes a sub-script frame on top of `thread`; the core resumes it next. */
export function pushFrame(thread: Thread, gen: ScriptGenerator, name: string): void {
  let stack = thread.stack;
  if (typeof stack === 'function') thread.stack = stack = [stack];
  stack.push(thread.gen!, name);
  thread.gen = gen;
  thread.mode = Resume.NEXT;
  thread.value = undefined;
}

function popFrame(thread: Thread): void {
  const stack = thread.stack as unknown[];
  stack.pop();
  thread.gen = stack.pop() as ScriptGenerator;
  // The emptied array stays: a thread that calls one sub-script calls more, and a new array per call is garbage
  // that lives as long as the call, long enough to be promoted.
}

/** @internal Starts cancelling: the top frame is resumed with `return()`, then each frame below it in turn. */
export function beginUnwind(thread: Thread): void {
  thread.flags = (thread.flags & ~Flag.CANCEL_PENDING) | Flag.UNWINDING;
  thread.more().unwindDepth = thread.depth - 1;
  thread.mode = Resume.RETURN;
  thread.value = undefined;
}

// Frames pushed by cleanup code (a sub-script called in a `finally`) sit above unwindDepth and run normally.
function unwindingAt(thread: Thread, depth: number): boolean {
  return (thread.flags & Flag.UNWINDING) !== 0 && depth <= thread.extra!.unwindDepth;
}

/** Returns true: the frame below the popped one is resumed with `return()` next. */
function continueUnwind(thread: Thread, poppedDepth: number): true {
  thread.extra!.unwindDepth = poppedDepth - 1;
  resumeWith(thread, Resume.RETURN, undefined);
  return true;
}

function resumeWith(thread: Thread, mode: Resume, value: unknown): void {
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
