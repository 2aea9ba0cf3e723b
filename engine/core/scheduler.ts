import { Accounting } from '../accounting/accounting.ts';
import { matchFailed, type ActorParts } from './actor-parts.ts';
import { CallSiteMode, type Site } from '../diagnostics/call-site.ts';
import { recordSpawn } from '../diagnostics/spawnings.ts';
import { SiteTable } from '../diagnostics/site-table.ts';
import { clearUnwinding, HotReload } from '../hot-reload/hot-reload.ts';
import type { Watchdog } from '../watchdog/watchdog.ts';
import { withChild } from './children.ts';
import type { Engine } from './engine.ts';
import type { ChildFailedError } from './errors.ts';
import type { Kernel } from './kernel.ts';
import { queueChildFailure, reportQueued } from './lifecycle.ts';
import { Mailbox } from './mailbox.ts';
import { Handover } from './op.ts';
import { Random } from './random.ts';
import { Registry } from './registry.ts';
import { ReadyQueue } from './ready-queue.ts';
import { checkScript, type Script, type SpawnOptions } from './script.ts';
import { beginCancel, run } from './switch.ts';
import { ThreadColumns } from './thread-columns.ts';
import { ThreadList } from './thread-list.ts';
import { ThreadState } from './thread-state.ts';
import { Flag, Resume, setTicking, Thread, type ScriptGenerator } from './thread.ts';
import { TimingWheel } from './timing-wheel.ts';
import { CHILDREN, PREDICATE, RECEIVE, type Wait } from './wait-kind.ts';

/** What a {@link Scheduler} is made with: the engine's options, checked and defaulted. */
export interface SchedulerSetup {
  engine: Engine;
  dt: number;
  seed: number;
  onError: (error: unknown, thread: Thread) => void;
  hotReload: boolean;
}

/**
 * An engine's run-time state and scheduling: its threads (by slot, in the columns), which of them run
 * in the coming tick and in what order (the ready queues, the timing wheel, the predicate waiters), and the calls
 * that move a thread between those (park, wake, create, cancel). Ends of threads are in lifecycle.ts; resuming a
 * script is switch.ts's alone. The host reaches it only through {@link Engine}.
 */
export class Scheduler implements Kernel {
  readonly engine: Engine;
  readonly dt: number;
  tick = 0;
  resumes = 0;
  readonly random: Random;
  onError: (error: unknown, thread: Thread) => void;
  onThreadFailed: ((thread: Thread, error: unknown) => void) | null = null;
  readonly accounting = new Accounting();
  readonly timers = new TimingWheel();
  /** The hot state of the live threads, by slot. */
  readonly columns = new ThreadColumns();
  /** `EngineOptions.callSites` as the hot paths compare it (see CallSiteMode). */
  callSiteMode: number = CallSiteMode.frames;
  /** Set with `hotReload`: the scripts replaced, and what restarting a thread takes. */
  readonly hot: HotReload | null;
  /** Names and groups of threads. */
  readonly registry = new Registry();
  /** How a script's `yield* op` hands the op to this engine. */
  readonly handover = new Handover();
  /** The call sites captured so far, one per line of source. */
  readonly sites = new SiteTable();
  watchdog: Watchdog | null = null;
  live = 0;
  // What threads() returned, until a thread starts or ends.
  private view: Thread[] | null = null;
  private readonly ready = new ReadyQueue();
  private readonly nextTick = new ReadyQueue();
  private readonly predicates = new ThreadList();
  private readonly checking = new ThreadList();
  private nextId = 1;
  private inTick = false;
  // The wheel has already taken a due thread out, so waking it skips the generic detach.
  private readonly wakeDue = (thread: Thread): void => {
    thread.readyWith(Resume.NEXT, thread.wait!.expire?.(thread));
    this.schedule(thread);
  };

  constructor(setup: SchedulerSetup) {
    this.engine = setup.engine;
    this.dt = setup.dt;
    this.random = new Random(setup.seed);
    this.onError = setup.onError;
    this.hot = setup.hotReload ? new HotReload(this) : null;
  }

  /**
   * One tick: the tick count goes up by one, then the threads due run in order: those made ready since the last
   * tick, then sleepers whose time has come, then waiters whose predicate holds, then any made ready during this
   * tick that have not run in it yet. The caller has checked that no tick is running.
   */
  runTick(): void {
    if (this.columns.dueToShrink()) this.compact();
    this.inTick = true;
    setTicking(this);
    try {
      this.tick++;
      this.ready.takeAll(this.nextTick);
      this.timers.advance(this.tick, this.wakeDue);
      this.checkPredicates();
      this.accounting.beginTick(this.tick);
      this.runReady();
    } finally {
      this.handover.forget();
      setTicking(null);
      this.inTick = false;
    }
  }

  // Between ticks, once few threads live: the columns give back their spare slots, and the slot numbers held
  // elsewhere follow their threads down. The queues keep their order and the threads their ids: nothing else moves.
  private compact(): void {
    const moved = this.columns.compact();
    this.ready.renumber(moved);
    this.nextTick.renumber(moved);
    this.accounting.renumber(moved, this.columns.capacity);
  }

  /** The live threads, in no set order; kept until a thread starts or ends. */
  threads(): readonly Thread[] {
    if (this.view !== null) return this.view;
    const view: Thread[] = [];
    const all = this.columns.threads;
    for (let slot = 0; slot < this.columns.extent; slot++) {
      const thread = all[slot];
      if (thread != null) view.push(thread);
    }
    return (this.view = view);
  }

  /** Starts a thread of `input`: [options?, script, ...args], which is read, never changed. */
  create(parent: Thread | null, input: readonly unknown[], op: string | { readonly description: string }, site: Site | null = null): Thread {
    const optioned = isPlainObject(input[0]);
    const options = optioned ? (input[0] as SpawnOptions) : NO_OPTIONS;
    const at = optioned ? 2 : 1; // where the script's arguments start
    const checked = checkScript(input[at - 1], op, parent);
    const script = this.hot === null ? checked : this.hot.resolve(checked);
    const owner = options.detached ? null : parent;
    const thread = new Thread(this, owner, this.nextId++, script, startScript(script, input, at), this.tick);
    if (this.hot !== null) this.hot.track(thread, script, input.slice(at));
    if (options.name !== undefined) thread.ensureExtra().name = options.name;
    if (options.detached) thread.flags |= Flag.DETACHED;
    if (this.callSiteMode !== CallSiteMode.off) recordSpawn(thread, parent, site);
    if (owner) {
      const extra = owner.ensureExtra();
      extra.children = withChild(extra.children, thread);
    }
    this.live++;
    this.view = null;
    this.schedule(thread);
    return thread;
  }

  startingSite(thread: Thread): Site | null {
    // Held for a spawn with 'frames'; left where the thread waits with 'waits', and not taken from there.
    return this.sites.takeSpawn(thread) ?? thread.extra?.site ?? null;
  }

  /** A thread has ended: the live count and the view of live threads follow. */
  forget(): void {
    this.live--;
    this.view = null;
  }

  /** The running thread in `slot` parks for one tick (a bare `yield`); the caller has checked its state. */
  parkNextTick(slot: number): void {
    this.nextTick.push(slot);
  }

  park(thread: Thread, wait: Wait, waitOn: unknown, list: ThreadList | null): true {
    thread.parkOn(wait, waitOn);
    thread.parkedIn = this.tick;
    if (list !== null) list.push(thread);
    return true;
  }

  parkUntil(thread: Thread, wait: Wait, due: number): true {
    thread.parkOn(wait, due);
    thread.parkedIn = this.tick;
    this.timers.insert(thread, due);
    return true;
  }

  parkUntilTrue(thread: Thread, predicate: () => boolean): true {
    return this.park(thread, PREDICATE, predicate, this.predicates);
  }

  wake(thread: Thread, value: unknown): void {
    this.makeReady(thread, Resume.NEXT, value);
  }

  wakeWithError(thread: Thread, error: unknown): void {
    this.makeReady(thread, Resume.THROW, error);
  }

  /** A waiting thread leaves what it waits in, and is queued to resume with `mode` and `value`. */
  makeReady(thread: Thread, mode: Resume = Resume.NEXT, value: unknown = undefined): void {
    thread.wait!.detach(thread);
    thread.readyWith(mode, value);
    this.schedule(thread);
  }

  queueChildFailure(thread: Thread, error: ChildFailedError): void {
    queueChildFailure(this, thread, error);
  }

  /** See `Engine.cancel`; the thread has been checked. */
  cancel(thread: Thread): boolean {
    if (this.hot !== null && this.hot.cancelsReload(thread)) return true;
    if (!thread.alive || thread.cancelling || thread.wait === CHILDREN) return false;
    const state = thread.state;
    if (state === ThreadState.RUNNING || thread.extra?.shields != null) this.pendCancel(thread);
    else if (state === ThreadState.WAITING) {
      const cancellation = beginCancel(thread); // first, so what the wait lets go sees the thread as cancelling
      this.makeReady(thread, Resume.THROW, cancellation);
    } else if (thread.mode === Resume.THROW) this.pendCancel(thread); // the error it is to resume with comes first
    else {
      // The wait it completed is interrupted: its value is dropped, and child failures queued for its next wait
      // have none left outside its cleanup.
      const cancellation = beginCancel(thread);
      thread.mode = Resume.THROW;
      thread.value = cancellation;
      reportQueued(this, thread, thread.extra!);
    }
    return true;
  }

  /** See `Engine.send`; the thread has been checked and is alive. */
  send(thread: Thread, message: unknown): void {
    const extra = thread.ensureExtra();
    const mailbox = (extra.mailbox ??= new Mailbox());
    mailbox.push(message);
    const receiver = thread.wait === RECEIVE ? thread : extra.receiver;
    if (receiver !== null && receiver.state === ThreadState.WAITING && receiver.wait === RECEIVE) {
      const parts = receiver.extra?.actor ?? null;
      if (parts === null || parts.matcher === null) this.wake(receiver, mailbox.shift());
      else this.offer(receiver, mailbox, parts);
    }
  }

  // A selective receive has seen every older message: only the one just queued can be its match. A match that
  // throws fails the receive, not the sender.
  private offer(receiver: Thread, mailbox: Mailbox, parts: ActorParts): void {
    let matches: boolean;
    try {
      matches = parts.matcher!(mailbox.peekNewest());
    } catch (error) {
      this.wakeWithError(receiver, matchFailed(parts.matching!, receiver, error));
      return;
    }
    if (matches) this.wake(receiver, mailbox.pop());
  }

  /** Hot reload: `thread`, its frames gone, starts again on `gen` (of `script`) from the next tick. */
  restartOn(thread: Thread, script: Script, gen: ScriptGenerator): void {
    clearUnwinding(thread);
    thread.stack = script;
    thread.gen = gen;
    if (thread.state === ThreadState.WAITING) thread.readyWith(Resume.NEXT, undefined); // it waited for its children
    thread.parkedIn = this.tick;
    this.schedule(thread);
  }

  /**
   * Hands an error nothing else will see to the error hook: an unobserved failure, or cleanup code that threw
   * while the thread was being cancelled. A hook that throws is printed, never let through the loop.
   */
  report(error: unknown, thread: Thread): void {
    try {
      this.onError(error, thread);
    } catch (hookError) {
      console.error(`[loom] the error hook threw while reporting ${thread.label}:`, hookError, 'original error:', error);
    }
  }

  /** Tells `onThreadFailed` of a failure leaving a script; a hook that throws is printed. */
  tellFailed(thread: Thread, error: unknown): void {
    try {
      this.onThreadFailed!(thread, error);
    } catch (hookError) {
      console.error(`[loom] onThreadFailed threw for ${thread.label}:`, hookError);
    }
  }

  // Asked while it runs, or inside a shield: the cancel is thrown at its next wait, or where its outermost shield
  // ends.
  private pendCancel(thread: Thread): void {
    thread.ensureExtra();
    thread.flags |= Flag.CANCEL_PENDING;
  }

  // Ordering rule: a thread made ready during a tick runs later in that tick unless it already ran in it
  // (a thread runs at most once per tick, so no ping-pong can stall a tick); between ticks, in the next.
  // The check reads the columns its resume will read: where wakes come back to back (a tick's sleepers, a signal's
  // waiters) their cache misses overlap here, rather than each stalling its own resume later (BENCHMARKS.md).
  private schedule(thread: Thread): void {
    if (!this.columns.holdsRunnable(thread.slot, thread)) throw new Error(`internal: ${thread.label} is not runnable in its slot`);
    if (this.inTick && thread.parkedIn !== this.tick) this.ready.push(thread.slot);
    else this.nextTick.push(thread.slot);
  }

  // With accounting and the watchdog off this is the bare loop; switching either on or off takes effect from the
  // next tick.
  private runReady(): void {
    const accounting = this.accounting;
    const watchdog = this.watchdog;
    if (accounting.enabled || accounting.budgetMs > 0) {
      accounting.runTimed(this, this.ready, watchdog === null ? run : watchdog.run);
      return;
    }
    if (watchdog !== null) {
      watchdog.runAll(this, this.ready);
      return;
    }
    let resumes = 0;
    // The queue in a local: read from `this`, it is loaded and checked again after every resume (a script may run
    // any code), a cost on every switch.
    const ready = this.ready;
    for (let slot = ready.shift(); slot >= 0; slot = ready.shift()) {
      run(this, slot);
      resumes++;
    }
    this.resumes += resumes;
  }

  // The waiters are moved to a list of their own and put back one at a time before their predicate runs: a
  // predicate may cancel or wake any waiter (its own included), which unlinks it from whichever list holds it.
  private checkPredicates(): void {
    const waiting = this.predicates;
    const checking = this.checking;
    checking.takeAll(waiting);
    for (let thread = checking.shift(); thread !== null; thread = checking.shift()) {
      waiting.push(thread);
      let holds: boolean;
      try {
        holds = (thread.waitOn as () => boolean)();
      } catch (error) {
        // A predicate that threw after waking or cancelling its own thread has no wait left to fail.
        if (thread.wait === PREDICATE) this.wakeWithError(thread, error);
        else this.report(error, thread);
        continue;
      }
      if (holds && thread.wait === PREDICATE) this.wake(thread, undefined);
    }
  }
}

const NO_OPTIONS: SpawnOptions = Object.freeze({});

// The script called with input[at..]: the usual few arguments are passed directly, with no copy of the input.
function startScript(script: (...args: never[]) => ScriptGenerator, input: readonly unknown[], at: number): ScriptGenerator {
  const run = script as (...args: unknown[]) => ScriptGenerator;
  switch (input.length - at) {
    case 0:
      return run();
    case 1:
      return run(input[at]);
    case 2:
      return run(input[at], input[at + 1]);
    case 3:
      return run(input[at], input[at + 1], input[at + 2]);
    default:
      return run(...input.slice(at));
  }
}

// Spawn options are a plain object literal: anything else in first place (a Thread, say) is a bad script argument.
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

