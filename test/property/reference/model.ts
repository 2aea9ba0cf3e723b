import { run } from './switch.ts';
import { ModelCancellation, showModelError, type ModelError } from './values.ts';

// The reference model's threads and ticks, written from the rules of docs/guide.md and
// docs/cancellation-and-errors.md, apart from the engine: it imports nothing of it. A thread is a stack of plain
// generators (the program's code, see statements.ts) that yield the requests below; the model resumes them.
// What it does not model (a hot reload) makes it stop: the engine is then compared with it only before the tick
// where the two could first part (see `unmodeled`).

/** What a program's generator yields to the model. */
export type Request =
  | { k: 'wait'; wait: WaitRequest }
  /** A frame pushed (a `script()` call or a shield): not a wait, so a pending cancel is not thrown at it. */
  | { k: 'frame'; gen: ModelGen; shield: boolean };

/** A wait: it ends at once (`now`) or parks the thread until the model resumes it. */
export interface WaitRequest {
  name: string;
  enter(model: Model, thread: MThread): { now: true; value: unknown; throws?: boolean } | { now: false };
}

export type ModelGen = Generator<Request, unknown, unknown>;

export type State = 'ready' | 'running' | 'waiting' | 'done' | 'failed' | 'cancelled';

/** Where a parked thread waits; `leave` takes it out when something else resumes it (a cancel, a failure). */
export interface Parking {
  leave(model: Model, thread: MThread): void;
}

/** A `wait(predicate)`: it holds from tick `due`; `firstCheck` runs at its first check between resumes. */
export interface PredicateWaiter {
  thread: MThread;
  due: number;
  firstCheck: (() => void) | null;
}

/** A model thread: its frames, where it stands with a cancel, its failures queued, its links. */
export class MThread {
  state: State = 'ready';
  frames: ModelGen[] = [];
  shields: number[] = [];
  mode: 'next' | 'throw' = 'next';
  value: unknown = undefined;
  parking: Parking | null = null;
  parkedIn = -1;
  cancelPending = false;
  cancelling = false;
  cancelDepth = 0;
  cancellation: ModelCancellation | null = null;
  failures: ModelError[] = [];
  /** Its script is over; it waits for its children to end. */
  scriptOver = false;
  endState: State = 'done';
  endValue: unknown = undefined;
  readonly children: MThread[] = [];
  /** Children a program's `spawn` made, in order: what `child[i]` names. */
  readonly spawned: MThread[] = [];
  readonly mailbox: unknown[] = [];
  /** A branch waiting in a receive from this thread's mailbox. */
  receiver: MThread | null = null;
  /** While it waits in a selective receive: which message it takes. */
  matcher: ((message: unknown) => boolean) | null = null;
  /** Watches of its end (monitors of it, calls waiting on it), oldest first; see actors.ts. */
  readonly watchers: EndWatch[] = [];
  /** Watches it holds on other threads: they end when it does. */
  readonly watching: EndWatch[] = [];
  /** The monitors its program made, in order: what `demonitor monitor[i]` names. */
  readonly monitors: EndWatch[] = [];
  /** Requests it received and has not answered, oldest first. */
  readonly requests: CallRequest[] = [];
  joiners: MThread[] = [];
  observed = false;
  /** A supervisor: its children's failures are observed by it, none thrown into it. */
  observesChildren = false;
  /** The program has seen it (see statements.ts): its end is observed. */
  seen = false;
  /** The group this thread is a branch of. */
  group: { ended(model: Model, thread: MThread): void } | null = null;
  /** The program thread's spawn number (0 for a thread the program does not see: a timeout's timer). */
  constructor(public seq: number, readonly parent: MThread | null, gen: ModelGen) {
    this.frames.push(gen);
  }

  get alive(): boolean {
    return this.state !== 'done' && this.state !== 'failed' && this.state !== 'cancelled';
  }
}

/** A call's request, as the callee receives it: `reply` answers the caller if it still waits. */
export interface CallRequest {
  readonly request: string;
  reply(answer: string): boolean;
}

/** A watch of a thread's end: a monitor, or a call waiting for its reply; `active` until it ends or is removed. */
export interface EndWatch {
  active: boolean;
  readonly watcher: MThread;
  targetEnded(model: Model): void;
}

/** Thrown where the model meets what it does not model; `tick` is the first tick it cannot vouch for. */
export class Unmodeled extends Error {
  constructor(readonly tick: number, what: string) {
    super(`not modelled: ${what}`);
  }
}

export class Model {
  tick = 0;
  inTick = false;
  readonly observations: string[] = [];
  private readonly readyNow: MThread[] = [];
  private readonly nextTick: MThread[] = [];
  readonly timers = new Timers();
  readonly predicates: PredicateWaiter[] = [];
  /** The first tick the model cannot vouch for. */
  stopAt = Infinity;

  /** What the model does not model happens in `tick`: in this one, it stops now; in a later one, it stops then. */
  unmodeled(tick: number, what: string): void {
    if (tick <= this.tick) throw new Unmodeled(tick, what);
    this.stopAt = Math.min(this.stopAt, tick);
  }

  /** The tick observations are stamped with: the host's acts before a tick belong to it. */
  stamp = 0;

  /** Notes what a thread saw: `tick s<seq> line`. */
  observe(thread: MThread, line: string): void {
    this.observations.push(`${this.stamp} s${thread.seq} ${line}`);
  }

  /** The error hook's report of an error, about `thread`. */
  report(thread: MThread, error: unknown): void {
    this.observe(thread, `reported ${showModelError(error)}`);
  }

  /** Every thread made, ended or not: the host loop ends once none is alive. */
  readonly threads: MThread[] = [];
  /** Program threads that ended in the tick running now. */
  readonly ended: MThread[] = [];
  /** What the actor ops do as a thread ends, before its group hears (names, groups, watches: see actors.ts). */
  actorEnded: (thread: MThread) => void = () => {};

  create(seq: number, parent: MThread | null, gen: ModelGen, owned: boolean): MThread {
    const thread = new MThread(seq, owned ? parent : null, gen);
    this.threads.push(thread);
    if (owned && parent) parent.children.push(thread);
    this.schedule(thread);
    return thread;
  }

  /** One tick: the threads made ready before it, then sleepers due now, then predicates that hold, then any woken. */
  step(): void {
    this.tick++;
    this.inTick = true;
    this.readyNow.push(...this.nextTick.splice(0));
    for (const { thread, value } of this.timers.due(this.tick)) this.wake(thread, value);
    this.checkPredicates();
    for (let thread = this.readyNow.shift(); thread; thread = this.readyNow.shift()) run(this, thread);
    this.inTick = false;
    for (const thread of this.ended.splice(0).sort((a, b) => a.seq - b.seq)) this.observe(thread, `ended ${thread.state}`);
  }

  // Each waiter in the order it began waiting; one that a predicate before it woke or cancelled is not checked.
  private checkPredicates(): void {
    for (const waiter of [...this.predicates]) {
      if (!this.predicates.includes(waiter)) continue;
      try {
        const first = waiter.firstCheck;
        waiter.firstCheck = null;
        first?.();
      } catch (error) {
        if (this.predicates.includes(waiter)) this.makeReady(waiter.thread, 'throw', error);
        else this.report(waiter.thread, error);
        continue;
      }
      if (this.tick >= waiter.due && this.predicates.includes(waiter)) this.wake(waiter.thread, undefined);
    }
  }

  park(thread: MThread, parking: Parking): void {
    thread.state = 'waiting';
    thread.parking = parking;
    thread.parkedIn = this.tick;
  }

  /** A bare `yield`: ready again next tick. */
  yieldTick(thread: MThread): void {
    thread.state = 'ready';
    this.nextTick.push(thread);
  }

  wake(thread: MThread, value: unknown): void {
    this.makeReady(thread, 'next', value);
  }

  makeReady(thread: MThread, mode: 'next' | 'throw', value: unknown): void {
    const parking = thread.parking!;
    thread.parking = null;
    parking.leave(this, thread);
    thread.state = 'ready';
    thread.mode = mode;
    thread.value = value;
    this.schedule(thread);
  }

  // A thread made ready in a tick runs later in it, unless it already ran in it; between ticks, in the next.
  schedule(thread: MThread): void {
    if (this.inTick && thread.parkedIn !== this.tick) this.readyNow.push(thread);
    else this.nextTick.push(thread);
  }

  /** docs/cancellation-and-errors.md: thrown at the wait it is parked at, or at its next wait (outside shields). */
  cancel(thread: MThread): boolean {
    if (!thread.alive || thread.cancelling || thread.scriptOver) return false;
    if (thread.state === 'running' || thread.shields.length > 0) thread.cancelPending = true;
    else if (thread.state === 'waiting') this.makeReady(thread, 'throw', beginCancel(thread));
    else if (thread.mode === 'throw') thread.cancelPending = true; // a pending error is thrown first
    else {
      thread.mode = 'throw';
      thread.value = beginCancel(thread);
      for (const failure of thread.failures.splice(0)) this.report(thread, failure);
    }
    return true;
  }
}

export function beginCancel(thread: MThread): ModelCancellation {
  thread.cancelPending = false;
  thread.cancelling = true;
  thread.cancelDepth = thread.frames.length - 1;
  return (thread.cancellation = new ModelCancellation());
}

/**
 * Sleepers due in one tick wake in the order they entered the first level of the engine's timing wheel (4,096
 * ticks): a wait longer than that enters it when the tick reaches the multiple of 4,096 before its due tick.
 */
class Timers {
  private entries: { thread: MThread; due: number; value: unknown; order: [number, number, number] }[] = [];
  private serial = 0;

  add(thread: MThread, now: number, due: number, value: unknown = undefined): Parking {
    const far = due - now >= 4096;
    const entered = far ? Math.floor(due / 4096) * 4096 : now;
    // At the tick it enters, a cascaded wait comes before those placed while the tick runs.
    const entry = { thread, due, value, order: [entered, far ? 0 : 1, ++this.serial] as [number, number, number] };
    this.entries.push(entry);
    return { leave: () => { this.entries = this.entries.filter((e) => e !== entry); } };
  }

  /** The sleepers due in `tick`, each with what its wait returns at expiry. */
  due(tick: number): { thread: MThread; value: unknown }[] {
    const due = this.entries.filter((e) => e.due === tick);
    this.entries = this.entries.filter((e) => e.due !== tick);
    due.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
    return due;
  }
}
