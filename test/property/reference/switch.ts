import { beginCancel, type MThread, type Model, type Request } from './model.ts';
import { ModelError } from './values.ts';

// The model's resume loop and how its threads end, from the rules: a frame that returns hands its value to the
// frame below, one that throws throws into it; while a cancel unwinds a thread, each frame it unwinds lets the
// Cancellation through to the next; at the bottom, the thread's script is over.

export function run(model: Model, thread: MThread): void {
  thread.state = 'running';
  for (;;) {
    const gen = thread.frames.at(-1)!;
    const { mode, value } = thread;
    thread.mode = 'next';
    thread.value = undefined;
    let result: IteratorResult<Request, unknown>;
    try {
      result = mode === 'next' ? gen.next(value) : gen.throw(value);
    } catch (error) {
      if (!frameThrew(model, thread, error)) return;
      continue;
    }
    if (result.done === true) {
      if (!frameReturned(model, thread, result.value)) return;
      continue;
    }
    if (!requested(model, thread, result.value)) return;
  }
}

// Returns true while the thread goes on running.
function requested(model: Model, thread: MThread, request: Request): boolean {
  if (request.k === 'frame') {
    if (request.shield) thread.shields.push(thread.frames.length);
    thread.frames.push(request.gen);
    return true;
  }
  if (throwPending(thread)) return true;
  const entered = request.wait.enter(model, thread);
  if (entered.now) {
    thread.mode = entered.throws === true ? 'throw' : 'next';
    thread.value = entered.value;
    return true;
  }
  return false;
}

// At a wait, or where the outermost shield ends: the oldest queued child failure, else a pending cancel.
function throwPending(thread: MThread): boolean {
  if (thread.shields.length > 0) return false;
  if (thread.failures.length > 0) {
    thread.mode = 'throw';
    thread.value = thread.failures.shift();
    return true;
  }
  if (!thread.cancelPending) return false;
  thread.mode = 'throw';
  thread.value = beginCancel(thread);
  return true;
}

function unwinding(thread: MThread, top: number): boolean {
  return thread.cancelling && top <= thread.cancelDepth;
}

function frameReturned(model: Model, thread: MThread, value: unknown): boolean {
  const top = thread.frames.length - 1;
  if (unwinding(thread, top)) {
    model.report(thread, new ModelError('Swallowed'));
    return frameUnwound(model, thread, top);
  }
  if (top === 0) {
    scriptOver(model, thread, 'done', value);
    return false;
  }
  const shieldEnded = popFrame(thread);
  thread.mode = 'next';
  thread.value = value;
  if (shieldEnded) throwPending(thread);
  return true;
}

function frameThrew(model: Model, thread: MThread, error: unknown): boolean {
  const top = thread.frames.length - 1;
  if (unwinding(thread, top)) {
    if (error !== thread.cancellation) model.report(thread, error); // cleanup threw while cancelling
    return frameUnwound(model, thread, top);
  }
  if (top === 0) {
    scriptOver(model, thread, 'failed', error);
    return false;
  }
  popFrame(thread);
  thread.mode = 'throw';
  thread.value = error;
  return true;
}

function frameUnwound(model: Model, thread: MThread, top: number): boolean {
  if (top === 0) {
    scriptOver(model, thread, 'cancelled', undefined);
    return false;
  }
  popFrame(thread);
  thread.cancelDepth = top - 1;
  thread.mode = 'throw';
  thread.value = thread.cancellation;
  return true;
}

// Returns true when the frame popped was the outermost shield.
function popFrame(thread: MThread): boolean {
  const top = thread.frames.length - 1;
  thread.frames.pop();
  if (thread.shields.at(-1) !== top) return false;
  thread.shields.pop();
  return thread.shields.length === 0;
}

// Structured lifetime: its live children are cancelled, youngest first, and it ends once they all have. Failures
// still queued, and a cancel still pending, had no wait left.
function scriptOver(model: Model, thread: MThread, state: 'done' | 'failed' | 'cancelled', value: unknown): void {
  thread.frames = [];
  thread.scriptOver = true;
  thread.shields = [];
  thread.cancelPending = false;
  for (const failure of thread.failures.splice(0)) model.report(thread, failure);
  thread.endState = state;
  thread.endValue = value;
  if (thread.children.length === 0) {
    endChain(model, thread);
    return;
  }
  model.park(thread, { leave: () => {} });
  for (const child of [...thread.children].reverse()) model.cancel(child);
}

function endChain(model: Model, first: MThread): void {
  for (let thread: MThread | null = first; thread !== null; ) thread = endThread(model, thread);
}

// Ends one thread: its parent's join wakes first, then its watchers get their Downs, then the other joiners wake,
// then its group hears; an unobserved failure goes to the parent (or the error hook). Returns the parent if it
// waited for this last child.
function endThread(model: Model, thread: MThread): MThread | null {
  thread.state = thread.endState;
  thread.parking = null;
  if (thread.seen) model.ended.push(thread);
  const failed = thread.state === 'failed';
  const joiners = thread.joiners.splice(0);
  const parentJoins = thread.parent !== null && joiners.includes(thread.parent);
  if (parentJoins) wakeJoiner(model, thread, thread.parent!);
  model.actorEnded(thread);
  for (const joiner of joiners) if (!(parentJoins && joiner === thread.parent)) wakeJoiner(model, thread, joiner);
  thread.group?.ended(model, thread);
  const parent = thread.parent;
  let parentEnds = false;
  if (parent !== null) {
    parent.children.splice(parent.children.indexOf(thread), 1);
    parentEnds = parent.children.length === 0 && parent.scriptOver && parent.alive;
  }
  if (failed && !thread.observed) propagate(model, thread);
  return parentEnds ? parent : null;
}

function wakeJoiner(model: Model, target: MThread, joiner: MThread): void {
  const outcome = joinOutcome(target);
  model.makeReady(joiner, outcome.mode, outcome.value);
}

/** What a join of the ended `target` resumes with; a failure handed to a joiner is observed. */
export function joinOutcome(target: MThread): { mode: 'next' | 'throw'; value: unknown } {
  if (target.state === 'done') return { mode: 'next', value: target.endValue };
  if (target.state === 'cancelled') return { mode: 'throw', value: new ModelError('Cancelled') };
  target.observed = true;
  return { mode: 'throw', value: new ModelError('ThreadFailed', target.endValue) };
}

function propagate(model: Model, thread: MThread): void {
  const parent = thread.parent;
  if (parent === null) {
    model.report(thread, thread.endValue);
    return;
  }
  thread.observed = true;
  if (parent.observesChildren) return;
  deliverChildFailure(model, parent, new ModelError('ChildFailed', thread.endValue));
}

/** Thrown at the parent's wait if it waits outside a shield, else queued for its next wait, or reported. */
export function deliverChildFailure(model: Model, parent: MThread, failure: ModelError): void {
  const throwable = parent.state === 'waiting' && !parent.scriptOver && parent.shields.length === 0 && !parent.cancelling;
  if (throwable) model.makeReady(parent, 'throw', failure);
  else queueChildFailure(model, parent, failure);
}

export function queueChildFailure(model: Model, parent: MThread, failure: ModelError): void {
  if (parent.scriptOver || parent.cancelling) model.report(parent, failure);
  else parent.failures.push(failure);
}
