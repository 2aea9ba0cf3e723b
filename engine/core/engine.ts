import { FixedStepClock } from './clock.ts';
import { CancelledError, ChildFailedError, LoomError, ThreadFailedError } from './errors.ts';
import { Mailbox } from './mailbox.ts';
import type { MessageFor } from './message-types.ts';
import { forgetHandover } from './op.ts';
import { Random } from './random.ts';
import { checkScript, type AnySpawnable, type SpawnedThread, type SpawnOptions, type SpawnRest } from './script.ts';
import { beginCancel, run } from './switch.ts';
import { Flag, Resume, Thread, setTicking, tickingEngine, type Script, type ScriptGenerator, type ThreadExtra } from './thread.ts';
import { ReadyQueue } from './ready-queue.ts';
import { ThreadList } from './thread-list.ts';
import { ThreadState, stateName } from './thread-state.ts';
import { ThreadColumns } from './thread-columns.ts';
import { TimingWheel } from './timing-wheel.ts';
import { CHILDREN, JOIN, PREDICATE, RECEIVE, type Wait } from './wait-kind.ts';
import { checkThread } from './arguments.ts';
import { Accounting } from '../accounting/accounting.ts';
import { childList, withChild, withoutChild } from './children.ts';
import { CallSiteMode, defaultCallSites, type CallSites, type Site } from '../diagnostics/call-site.ts';
import { SiteTable } from '../diagnostics/site-table.ts';
import { spawnerRecord } from '../diagnostics/script-stack.ts';
import { formatFailure } from '../diagnostics/format-failure.ts';
import type { Watchdog } from '../watchdog/watchdog.ts';
import { HotReload, clearUnwinding, type ScriptChange } from '../hot-reload/hot-reload.ts';

/** Options of {@link Engine}. */
export interface EngineOptions {
  /** Ticks per simulated second. Default 60. */
  tickRate?: number;
  /** Seed of `engine.random`. Default 1. */
  seed?: number;
  /** Longest real gap `advance` honours, in seconds. Default 0.25. */
  maxFrameTime?: number;
  /**
   * Called with every failure nothing observed, and every error thrown by cleanup code. Default: prints the error
   * with its script stack (see `formatFailure`) to console.error.
   */
  onError?: (error: unknown, thread: Thread) => void;
  /**
   * Which call sites are captured for script stack traces and the inspector (see {@link CallSites}). Default
   * `'frames'` in development and `'off'` in production, told apart by `process.env.NODE_ENV` (see
   * {@link defaultCallSites}); docs/stack-traces.md has what each costs.
   *
   * @example
   * ```ts
   * new Engine({ callSites: 'waits' }); // the inspector shows where each thread waits
   * ```
   */
  callSites?: CallSites;
  /**
   * Reports a script that runs too long without yielding; see {@link Watchdog}. Default none.
   *
   * @example
   * ```ts
   * new Engine({ watchdog: nodeWatchdog({ limitMs: 2000, exit: true }) }); // engine/watchdog/node-watchdog.ts
   * ```
   */
  watchdog?: Watchdog;
  /**
   * Keeps each thread's spawn arguments so {@link Engine.reload} can restart it on new code: for development
   * (see docs/hot-reload.md). Default false.
   */
  hotReload?: boolean;
}

/**
 * Runs scripts as user-level threads in a fixed-step loop. Headless: drive it with `step()` (one tick) or
 * `advance(realSeconds)` (whole ticks from real time), by hand or from a host adapter.
 *
 * @example
 * ```ts
 * const engine = new Engine();
 * engine.spawn(function* hello() { yield* sleep(1); console.log('one second later'); });
 * for (let i = 0; i < 60; i++) engine.step();
 * ```
 */
export class Engine {
  /** Ticks run so far. */
  tick = 0;
  /** Resumes of threads so far (context switches into a script). */
  resumes = 0;
  /** The seeded random generator: use it, not Math.random, so runs repeat. */
  readonly random: Random;
  /** Receives every failure that nothing observed, and errors thrown by cleanup code. */
  onError: (error: unknown, thread: Thread) => void;
  /**
   * For debuggers: called with every thread that fails, whoever observes its failure, as its error leaves its
   * script (the thread ends once its children have). Not for handling failures: those reach their observer.
   */
  onThreadFailed: ((thread: Thread, error: unknown) => void) | null = null;
  /** Per-thread and per-tick script time; off by default. */
  readonly accounting = new Accounting();
  /** @internal */
  readonly timers = new TimingWheel();
  /** @internal The hot state of this engine's live threads, by slot. */
  readonly columns = new ThreadColumns();
  /** @internal {@link callSites} as the hot paths compare it (see CallSiteMode). */
  callSiteMode: number = CallSiteMode.frames;
  /** @internal Set with `hotReload`: the scripts replaced, and what restarting a thread takes. */
  readonly hot: HotReload | null;
  /** @internal The call sites captured so far, one per line of source. */
  readonly sites = new SiteTable();
  private watched: Watchdog | null = null;
  private readonly clock: FixedStepClock;
  private live = 0;
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
    thread.wait!.expire?.(thread);
    thread.readyWith(Resume.NEXT, undefined);
    this.schedule(thread);
  };

  constructor(options: EngineOptions = {}) {
    this.clock = new FixedStepClock(options.tickRate ?? 60, options.maxFrameTime ?? 0.25);
    this.random = new Random(options.seed ?? 1);
    this.onError = options.onError ?? printError;
    this.callSites = options.callSites ?? defaultCallSites();
    this.watchdog = options.watchdog ?? null;
    this.hot = options.hotReload === true ? new HotReload(this) : null;
  }

  /** Which call sites are captured from now on; see {@link EngineOptions.callSites}. */
  get callSites(): CallSites {
    return this.callSiteMode === CallSiteMode.waits ? 'waits' : this.callSiteMode === CallSiteMode.frames ? 'frames' : 'off';
  }
  set callSites(mode: CallSites) {
    if (!Object.hasOwn(CallSiteMode, mode)) throw new LoomError(`callSites must be 'off', 'frames' or 'waits', got ${String(mode)}`);
    this.callSiteMode = CallSiteMode[mode];
  }

  /**
   * Names a script that never yields; null for none (the default). A change takes effect from the next tick. A
   * watchdog watches one engine: giving it to a second is a LoomError.
   */
  get watchdog(): Watchdog | null {
    return this.watched;
  }
  set watchdog(watchdog: Watchdog | null) {
    watchdog?.attach(this);
    this.watched = watchdog;
  }

  /** Seconds of simulated time per tick (1 / tickRate). */
  get dt(): number {
    return this.clock.dt;
  }

  /** Simulated seconds: `tick * dt`. Sleeps follow it, so pause freezes them and the time scale stretches them. */
  get time(): number {
    return this.tick * this.clock.dt;
  }

  /** Simulated seconds per real second fed to `advance` (0.5 = slow motion). */
  get timeScale(): number {
    return this.clock.timeScale;
  }
  set timeScale(scale: number) {
    if (!(scale >= 0) || !Number.isFinite(scale)) throw new LoomError(`timeScale must be a finite number ≥ 0, got ${scale}`);
    this.clock.timeScale = scale;
  }

  /** While paused, `advance` runs no ticks (`step` still does, for stepping by hand). */
  get paused(): boolean {
    return this.clock.paused;
  }
  set paused(paused: boolean) {
    this.clock.paused = paused;
  }

  /** The interpolation fraction in [0, 1) between the last tick and the next, for rendering. */
  get alpha(): number {
    return this.clock.alpha;
  }

  /** Live threads (not yet ended). */
  get threadCount(): number {
    return this.live;
  }

  /**
   * The live threads, in no set order. Made by walking every thread slot of the process, and kept until a thread
   * starts or ends, so calling it again in the same state costs nothing.
   */
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

  /**
   * Feeds real elapsed seconds and runs every whole tick now due (none while paused). Gaps longer than
   * `maxFrameTime` are clamped. Returns the number of ticks run. Each tick is run by `runTick` if given, which
   * must run exactly one (a recorder's `step`, which reads the input first), else by `step`.
   *
   * @example
   * ```ts
   * engine.advance(1 / 60);                          // one tick at 60 ticks a second
   * engine.advance(1 / 60, () => recorder.step());   // the same tick, recorded
   * ```
   */
  advance(realSeconds: number, runTick?: () => void): number {
    const ticks = this.clock.feed(realSeconds);
    for (let i = 0; i < ticks; i++) {
      if (runTick) runTick();
      else this.step();
    }
    return ticks;
  }

  /**
   * Runs exactly one tick: the tick count goes up by one, then the threads due run in order:
   * those made ready since the last tick, then sleepers whose time has come, then waiters whose predicate holds,
   * then any made ready during this tick that have not run in it yet.
   */
  step(): void {
    const ticking = tickingEngine();
    if (ticking !== null) throw nestedTick(this, ticking);
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
      forgetHandover();
      setTicking(null);
      this.inTick = false;
    }
  }

  /**
   * Spawns a root thread running `script(...args)`: owned by the engine, not by any thread. It first runs in the
   * next tick (or later in this tick, if called from a script: see the `spawn` op for child threads).
   * The arguments are checked against the script's parameters, and the handle is typed by the script (see `ThreadOf`).
   *
   * @example
   * ```ts
   * const grunt = engine.spawn(gruntScript, entity);
   * const boss = engine.spawn({ name: 'boss' }, bossScript, arena);
   * ```
   */
  spawn<F extends AnySpawnable | SpawnOptions, S extends AnySpawnable>(first: F, ...rest: SpawnRest<F, S>): SpawnedThread<F, S>;
  spawn(...input: unknown[]): Thread {
    return this.spawnCalledBy(Engine.prototype.spawn, input);
  }

  /**
   * @internal `spawn`, with the call site of whoever called `callee`: a wrapper (a recorder's `spawn`) passes
   * itself, so the thread is said to be spawned where the host called the wrapper, not inside it.
   */
  spawnCalledBy(callee: (...args: never[]) => unknown, input: unknown[]): Thread {
    const site = this.callSiteMode === CallSiteMode.off ? null : this.sites.capture(callee);
    return this.create(null, input, 'engine.spawn', site);
  }

  /**
   * Makes the thread's next resume run a `debugger` statement just before the engine resumes its script, so an
   * attached debugger (browser DevTools, `node --inspect`) stops there, and stepping into the next calls enters
   * the script where it waits (see docs/debugging.md). Pass false to take it back. Costs nothing while unused: the
   * check sits off the path of a plain resume.
   *
   * @example
   * ```ts
   * engine.breakBeforeResume(grunt); // DevTools stops in the engine just before grunt's script runs again
   * ```
   */
  breakBeforeResume(thread: Thread, on = true): void {
    checkThread(thread, 'engine.breakBeforeResume');
    if (!thread.alive) throw new LoomError(`engine.breakBeforeResume(${thread.label}): the thread has ended (${thread.stateName})`);
    if (on) thread.flags |= Flag.BREAK;
    else thread.flags &= ~Flag.BREAK;
  }

  /**
   * Replaces scripts by new versions (a hot reload: see docs/hot-reload.md). Each live thread whose spawned script,
   * or a sub-script frame on its stack, is one of the `from` scripts is cancelled with `thread.reloading` set, and
   * once its frames have unwound (its `finally` blocks run) and its children have ended, it starts again on the
   * new version from the top, with the same arguments (or those `migrate` returns), the same id and parent. A
   * thread under another being restarted is cancelled by it instead. Other threads are untouched; spawns and
   * sub-script calls of a `from` script run its new version from now on. Needs `hotReload: true`; between ticks
   * only. Returns the threads restarting.
   *
   * @example
   * ```ts
   * const engine = new Engine({ hotReload: true });
   * engine.spawn(grunt, world, entity);
   * engine.reload([{ from: grunt, to: gruntEdited }]); // the grunt thread restarts on gruntEdited next tick
   * ```
   */
  reload(changes: Iterable<ScriptChange>): Thread[] {
    if (this.hot === null) throw new LoomError('engine.reload(): this engine was made without hotReload: true, so it kept no spawn arguments');
    return this.hot.reload(changes);
  }

  /**
   * Cancels a thread: its {@link Cancellation} is thrown into it at the wait where it is parked (or, if it is the
   * thread running now, at its next wait), so every `finally` of every frame runs, innermost first, plain `yield*`
   * helpers included, and waits inside them are honoured; no code after the cancelled point runs. A cancel that
   * lands inside a `shield` waits until the shield ends. Returns false if the thread has ended, is already being
   * cancelled, or its script is over (it waits for its children).
   *
   * @example
   * ```ts
   * engine.cancel(grunt); // its finally blocks play the death animation, then it ends as cancelled
   * ```
   */
  cancel(thread: Thread): boolean {
    checkThread(thread, 'engine.cancel');
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
      this.reportQueued(thread, thread.extra!);
    }
    return true;
  }

  /**
   * Posts `message` to a thread's mailbox (FIFO); a thread waiting in `receive` wakes with it.
   * Throws a {@link LoomError} if the thread has ended. The message must be of the type the thread's script
   * receives (the `M` of its `Thread<R, M>`; see `receive`).
   *
   * @example
   * ```ts
   * engine.send(grunt, { x: player.x, y: player.y });
   * ```
   */
  send<M>(thread: Thread<unknown, M>, message: NoInfer<MessageFor<M>>): void {
    checkThread(thread, 'engine.send');
    if (!thread.alive) {
      throw new LoomError(`send to ${thread.label}: the thread has ended (${thread.stateName}); nothing can receive it`);
    }
    const extra = thread.more();
    const mailbox = (extra.mailbox ??= new Mailbox());
    mailbox.push(message);
    const receiver = thread.wait === RECEIVE ? thread : extra.receiver;
    if (receiver !== null && receiver.state === ThreadState.WAITING && receiver.wait === RECEIVE) {
      this.wake(receiver, mailbox.shift());
    }
  }

  // ---- kernel: used by ops and the context-switch core only ----

  /**
   * @internal Creates a thread from spawn arguments `[options?, script, ...args]`, spawned by `parent` (null: from
   * outside) at `site`, or, in a script, at the call site of its spawn op.
   */
  create(parent: Thread | null, input: unknown[], op: string | { readonly description: string }, site: Site | null = null): Thread {
    const options = isPlainObject(input[0]) ? (input.shift() as SpawnOptions) : NO_OPTIONS;
    const checked = checkScript(input.shift(), op, parent);
    const script = this.hot === null ? checked : this.hot.resolve(checked);
    const owner = options.detached ? null : parent;
    const thread = new Thread(this, owner, this.nextId++, script, script(...(input as never[])), this.tick);
    if (this.hot !== null) this.hot.track(thread, script, input);
    if (options.name !== undefined) thread.more().name = options.name;
    if (options.detached) thread.flags |= Flag.DETACHED;
    if (this.callSiteMode !== CallSiteMode.off) recordSpawn(thread, parent, site);
    if (owner) {
      const extra = owner.more();
      extra.children = withChild(extra.children, thread);
    }
    this.live++;
    this.view = null;
    this.schedule(thread);
    return thread;
  }

  /** @internal The running thread in `slot` parks for one tick (a bare `yield`); the caller has checked its state. */
  parkNextTick(slot: number): void {
    this.nextTick.push(slot);
  }

  /** @internal Parks a running thread on `wait`, optionally in `list`. */
  park(thread: Thread, wait: Wait, waitOn: unknown, list: ThreadList | null): true {
    thread.parkOn(wait, waitOn);
    thread.parkedIn = this.tick;
    if (list !== null) list.push(thread);
    return true;
  }

  /** @internal Parks a running thread in the timing wheel until tick `due` (> this tick). */
  parkUntil(thread: Thread, wait: Wait, due: number): true {
    thread.parkOn(wait, due);
    thread.parkedIn = this.tick;
    this.timers.insert(thread, due);
    return true;
  }

  /** @internal Parks a running thread until `predicate` holds, checked once per tick from the next one. */
  parkUntilTrue(thread: Thread, predicate: () => boolean): true {
    return this.park(thread, PREDICATE, predicate, this.predicates);
  }

  /** @internal Wakes a waiting thread: its wait returns `value`. */
  wake(thread: Thread, value: unknown): void {
    this.makeReady(thread, Resume.NEXT, value);
  }

  /** @internal Wakes a waiting thread: its wait throws `error`. */
  wakeWithError(thread: Thread, error: unknown): void {
    this.makeReady(thread, Resume.THROW, error);
  }

  /** @internal The bottom frame returned: DONE, even with a cancel pending that no wait was left to receive. */
  finish(thread: Thread, value: unknown): void {
    this.conclude(thread, ThreadState.DONE, value);
  }

  /** @internal Its Cancellation escaped the bottom frame. */
  finishCancelled(thread: Thread): void {
    this.conclude(thread, ThreadState.CANCELLED, undefined);
  }

  /** @internal An error escaped the bottom frame. */
  fail(thread: Thread, error: unknown): void {
    if (this.onThreadFailed !== null) this.tellFailed(thread, error);
    if (this.hot !== null && this.hot.holds(thread, error)) return;
    this.conclude(thread, ThreadState.FAILED, error);
  }

  /** @internal Hot reload: `thread`, its frames gone, starts again on `gen` (of `script`) from the next tick. */
  resumeOn(thread: Thread, script: Script, gen: ScriptGenerator): void {
    clearUnwinding(thread);
    thread.stack = script;
    thread.gen = gen;
    if (thread.state === ThreadState.WAITING) thread.readyWith(Resume.NEXT, undefined); // it waited for its children
    thread.parkedIn = this.tick;
    this.schedule(thread);
  }

  /**
   * @internal A failure of one of `thread`'s children for it to observe: thrown at its current wait if it waits
   * (outside a shield), else queued and thrown at its next wait, one per wait. A thread that can no longer throw
   * it (its script is over, or it is being cancelled) hands it to the error hook instead.
   */
  deliverChildFailure(thread: Thread, error: ChildFailedError): void {
    const throwable = thread.state === ThreadState.WAITING && thread.wait !== CHILDREN && thread.extra?.shields == null;
    if (throwable && (thread.flags & Flag.CANCELLING) === 0) this.makeReady(thread, Resume.THROW, error);
    else this.queueChildFailure(thread, error); // or reported, if it can no longer throw it
  }

  /** @internal A child failure for `thread` to throw at its next wait (see deliverChildFailure). */
  queueChildFailure(thread: Thread, error: ChildFailedError): void {
    if (thread.gen === null || (thread.flags & Flag.CANCELLING) !== 0) {
      this.report(error, thread);
      return;
    }
    const extra = thread.more();
    (extra.failures ??= []).push(error);
    thread.flags |= Flag.FAILURES;
  }

  /**
   * @internal Hands an error nothing else will see to the error hook: an unobserved failure, or cleanup code that
   * threw while the thread was being cancelled. A hook that throws is printed, never let through the loop.
   */
  report(error: unknown, thread: Thread): void {
    try {
      this.onError(error, thread);
    } catch (hookError) {
      console.error(`[loom] the error hook threw while reporting ${thread.label}:`, hookError, 'original error:', error);
    }
  }

  private tellFailed(thread: Thread, error: unknown): void {
    try {
      this.onThreadFailed!(thread, error);
    } catch (hookError) {
      console.error(`[loom] onThreadFailed threw for ${thread.label}:`, hookError);
    }
  }

  // Asked while it runs, or inside a shield: the cancel is thrown at its next wait outside any shield.
  private pendCancel(thread: Thread): void {
    thread.more();
    thread.flags |= Flag.CANCEL_PENDING;
  }

  // A waiting thread leaves what it waits in, and is queued to resume with `mode` and `value`.
  private makeReady(thread: Thread, mode: Resume = Resume.NEXT, value: unknown = undefined): void {
    thread.wait!.detach(thread);
    thread.readyWith(mode, value);
    this.schedule(thread);
  }

  // Ordering rule: a thread made ready during a tick runs later in that tick unless it already ran in it
  // (a thread runs at most once per tick, so no ping-pong can stall a tick); between ticks, in the next.
  private schedule(thread: Thread): void {
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
    for (let slot = this.ready.shift(); slot >= 0; slot = this.ready.shift()) {
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

  // Structured lifetime: a thread whose script is over ends only once its children have, so a join of it
  // returns after the whole tree is gone. Its live children are cancelled, youngest first, and it waits.
  private conclude(thread: Thread, state: ThreadState, value: unknown): void {
    thread.gen = null;
    this.accounting.scriptOver(thread.slot);
    thread.stack = thread.script;
    const extra = thread.extra;
    if (extra === null) {
      this.end(thread, state, value);
      return;
    }
    this.reportUndelivered(thread, extra);
    if (extra.children === null) {
      this.end(thread, state, value);
      return;
    }
    extra.endState = state;
    extra.endValue = value;
    this.park(thread, CHILDREN, undefined, null);
    for (const child of childList(extra.children).reverse()) this.cancel(child);
  }

  // Child failures still queued when a thread's script ends had no wait left to be thrown at; nor had a cancel.
  private reportUndelivered(thread: Thread, extra: ThreadExtra): void {
    extra.shields = null;
    thread.flags &= ~Flag.CANCEL_PENDING;
    this.reportQueued(thread, extra);
  }

  private reportQueued(thread: Thread, extra: ThreadExtra): void {
    const failures = extra.failures;
    if (failures === null) return;
    extra.failures = null;
    thread.flags &= ~Flag.FAILURES;
    for (const failure of failures) this.report(failure, thread);
  }

  // A loop, not recursion: the last child of a chain of threads whose scripts are over ends the whole chain, which
  // may be any number of threads deep.
  private end(thread: Thread, state: ThreadState, value: unknown): void {
    for (let parent = this.endOne(thread, state, value); parent !== null; ) {
      const extra = parent.extra!;
      parent = this.endOne(parent, extra.endState, extra.endValue);
    }
  }

  // Ends one thread; returns its parent if that was waiting for this last child to end.
  private endOne(thread: Thread, state: ThreadState, value: unknown): Thread | null {
    if (state === ThreadState.CANCELLED && this.hot !== null && this.hot.restart(thread)) return null;
    thread.become(state);
    thread.wait = null;
    thread.value = value;
    thread.retire();
    this.live--;
    this.view = null;
    const parent = thread.parent;
    if (parent !== null && parent.wait === JOIN && parent.waitOn === thread) {
      this.makeReady(parent); // the parent's join is in no list (see Join); it wakes before the other joiners
      settleJoin(parent, thread);
    }
    if (thread.extra !== null) this.release(thread);
    let parentEnds = false;
    if (parent !== null) {
      const extra = parent.extra!;
      extra.children = withoutChild(extra.children, thread);
      parentEnds = extra.children === null && parent.wait === CHILDREN;
    }
    if (state === ThreadState.FAILED && (thread.flags & Flag.OBSERVED) === 0) this.propagate(thread, value);
    return parentEnds ? parent : null;
  }

  private release(thread: Thread): void {
    const extra = thread.extra!;
    extra.sites = null;
    extra.site = null;
    if (thread.state !== ThreadState.FAILED) extra.thrown = null; // a failure keeps its script stack
    extra.mailbox = null;
    extra.endValue = undefined;
    extra.cancellation = null;
    const joiners = extra.joiners;
    extra.joiners = null;
    if (joiners) {
      for (let joiner = joiners.shift(); joiner !== null; joiner = joiners.shift()) {
        this.makeReady(joiner);
        settleJoin(joiner, thread);
      }
    }
    if (extra.group) extra.group.ended(thread);
  }

  // An unobserved failure goes to the parent (see deliverChildFailure); a root or detached thread's goes to the
  // error hook.
  private propagate(thread: Thread, error: unknown): void {
    const parent = thread.parent;
    if (parent === null) {
      this.report(error, thread);
      return;
    }
    thread.flags |= Flag.OBSERVED;
    this.deliverChildFailure(parent, new ChildFailedError(thread.label, error, thread.scriptStack));
  }
}

/**
 * @internal Sets `joiner` to resume from a join of the ended `target`: with its result, or throwing a
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

const NO_OPTIONS: SpawnOptions = Object.freeze({});

// Spawn options are a plain object literal: anything else in first place (a Thread, say) is a bad script argument.
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function nestedTick(engine: Engine, ticking: Engine): LoomError {
  const running = ticking.columns.running >= 0 ? ` (from ${ticking.columns.threads[ticking.columns.running]!.label})` : '';
  const whose = ticking === engine ? 'its own tick' : "another engine's tick";
  return new LoomError(`engine.step() was called during ${whose}${running}: ticks do not nest; step engines from the host loop`);
}

// Where a spawned thread came from: the spawner's own record continues the chain. In a script, the site is that
// of the spawn op (the running thread's latest op site).
function recordSpawn(thread: Thread, parent: Thread | null, site: Site | null): void {
  let at = site;
  if (parent !== null && parent.extra !== null) {
    at = parent.extra.site;
    parent.extra.site = null;
  }
  const spawning = { id: thread.id, name: thread.name, site: at, by: parent === null ? null : spawnerRecord(parent) };
  thread.engine.columns.recordSpawning(thread.slot, spawning);
}

function printError(error: unknown, thread: Thread): void {
  const thrown = thread.extra?.thrown ?? null;
  const stack = thrown !== null && thrown.error === error ? thrown : null;
  console.error(`[loom] ${thread.label} (${stateName(thread.state)}): ${formatFailure(error, stack)}`);
}
