import { CallSiteMode, defaultCallSites, type CallSites } from '../diagnostics/call-site.ts';
import { formatFailure } from '../diagnostics/format-failure.ts';
import type { Accounting } from '../accounting/accounting.ts';
import type { ScriptChange } from '../hot-reload/hot-reload.ts';
import type { Watchdog } from '../watchdog/watchdog.ts';
import { checkThread } from './arguments.ts';
import { FixedStepClock } from './clock.ts';
import { LoomError } from './errors.ts';
import type { MessageFor } from './message-types.ts';
import type { Random } from './random.ts';
import { Scheduler } from './scheduler.ts';
import type { AnySpawnable, SpawnedThread, SpawnOptions, SpawnRest } from './script.ts';
import { Flag, tickingScheduler, type Thread } from './thread.ts';
import { stateName } from './thread-state.ts';

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
 * The scheduler behind an engine: for the engine's own modules (ops get it as their `Kernel`).
 * Not exported from the package, so a host sees only {@link Engine}'s public members.
 */
// eslint-disable-next-line no-restricted-syntax -- set once, by the class's static block: the accessor of a private field
export let schedulerOf: (engine: Engine) => Scheduler;

/**
 * Runs scripts as user-level threads in a fixed-step loop. Headless: drive it with `step()` (one tick) or
 * `advance(realSeconds)` (whole ticks from real time), by hand or from a host adapter. This class is the host's
 * side of the engine; what ops and the core share lives in its scheduler, out of the host's reach.
 *
 * @example
 * ```ts
 * const engine = new Engine();
 * engine.spawn(function* hello() { yield* sleep(1); console.log('one second later'); });
 * for (let i = 0; i < 60; i++) engine.step();
 * ```
 */
export class Engine {
  readonly #scheduler: Scheduler;
  readonly #clock: FixedStepClock;

  static {
    schedulerOf = (engine) => engine.#scheduler;
  }

  constructor(options: EngineOptions = {}) {
    this.#clock = new FixedStepClock(options.tickRate ?? 60, options.maxFrameTime ?? 0.25);
    this.#scheduler = new Scheduler({
      engine: this,
      dt: this.#clock.dt,
      seed: options.seed ?? 1,
      onError: options.onError ?? printError,
      hotReload: options.hotReload === true,
    });
    this.callSites = options.callSites ?? defaultCallSites();
    this.watchdog = options.watchdog ?? null;
  }

  /** Ticks run so far. */
  get tick(): number {
    return this.#scheduler.tick;
  }

  /** Resumes of threads so far (context switches into a script). */
  get resumes(): number {
    return this.#scheduler.resumes;
  }

  /** The seeded random generator: use it, not Math.random, so runs repeat. */
  get random(): Random {
    return this.#scheduler.random;
  }

  /** Per-thread and per-tick script time; off by default. */
  get accounting(): Accounting {
    return this.#scheduler.accounting;
  }

  /** Receives every failure that nothing observed, and errors thrown by cleanup code. */
  get onError(): (error: unknown, thread: Thread) => void {
    return this.#scheduler.onError;
  }
  set onError(hook: (error: unknown, thread: Thread) => void) {
    this.#scheduler.onError = hook;
  }

  /**
   * For debuggers: called with every thread that fails, whoever observes its failure, as its error leaves its
   * script (the thread ends once its children have). Not for handling failures: those reach their observer.
   */
  get onThreadFailed(): ((thread: Thread, error: unknown) => void) | null {
    return this.#scheduler.onThreadFailed;
  }
  set onThreadFailed(hook: ((thread: Thread, error: unknown) => void) | null) {
    this.#scheduler.onThreadFailed = hook;
  }

  /** Which call sites are captured from now on; see {@link EngineOptions.callSites}. */
  get callSites(): CallSites {
    const mode = this.#scheduler.callSiteMode;
    return mode === CallSiteMode.waits ? 'waits' : mode === CallSiteMode.frames ? 'frames' : 'off';
  }
  set callSites(mode: CallSites) {
    if (!Object.hasOwn(CallSiteMode, mode)) throw new LoomError(`callSites must be 'off', 'frames' or 'waits', got ${String(mode)}`);
    this.#scheduler.callSiteMode = CallSiteMode[mode];
  }

  /**
   * Names a script that never yields; null for none (the default). A change takes effect from the next tick. A
   * watchdog watches one engine: giving it to a second is a LoomError.
   */
  get watchdog(): Watchdog | null {
    return this.#scheduler.watchdog;
  }
  set watchdog(watchdog: Watchdog | null) {
    watchdog?.attach(this);
    this.#scheduler.watchdog = watchdog;
  }

  /** Whether the engine was made with `hotReload: true`, so it can restart threads on new code. */
  get hotReload(): boolean {
    return this.#scheduler.hot !== null;
  }

  /** Seconds of simulated time per tick (1 / tickRate). */
  get dt(): number {
    return this.#clock.dt;
  }

  /** Simulated seconds: `tick * dt`. Sleeps follow it, so pause freezes them and the time scale stretches them. */
  get time(): number {
    return this.#scheduler.tick * this.#clock.dt;
  }

  /** Simulated seconds per real second fed to `advance` (0.5 = slow motion). */
  get timeScale(): number {
    return this.#clock.timeScale;
  }
  set timeScale(scale: number) {
    if (!(scale >= 0) || !Number.isFinite(scale)) throw new LoomError(`timeScale must be a finite number ≥ 0, got ${scale}`);
    this.#clock.timeScale = scale;
  }

  /** While paused, `advance` runs no ticks (`step` still does, for stepping by hand). */
  get paused(): boolean {
    return this.#clock.paused;
  }
  set paused(paused: boolean) {
    this.#clock.paused = paused;
  }

  /** The interpolation fraction in [0, 1) between the last tick and the next, for rendering. */
  get alpha(): number {
    return this.#clock.alpha;
  }

  /** Live threads (not yet ended). */
  get threadCount(): number {
    return this.#scheduler.live;
  }

  /**
   * The live threads, in no set order. Made by walking every thread slot of the engine, and kept until a thread
   * starts or ends, so calling it again in the same state costs nothing.
   */
  threads(): readonly Thread[] {
    return this.#scheduler.threads();
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
    const ticks = this.#clock.feed(realSeconds);
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
    const ticking = tickingScheduler();
    if (ticking !== null) throw nestedTick(this, ticking);
    this.#scheduler.runTick();
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
    return spawnCalledBy(this, Engine.prototype.spawn, input);
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
   * only. Returns the threads restarting, in the order they were spawned (the order they restart in).
   *
   * @example
   * ```ts
   * const engine = new Engine({ hotReload: true });
   * engine.spawn(grunt, world, entity);
   * engine.reload([{ from: grunt, to: gruntEdited }]); // the grunt thread restarts on gruntEdited next tick
   * ```
   */
  reload(changes: Iterable<ScriptChange>): Thread[] {
    const hot = this.#scheduler.hot;
    if (hot === null) throw new LoomError('engine.reload(): this engine was made without hotReload: true, so it kept no spawn arguments');
    return hot.reload(changes);
  }

  /**
   * Cancels a thread: its {@link Cancellation} is thrown into it at the wait where it is parked (or, if it is the
   * thread running now, at its next wait), so every `finally` of every frame runs, innermost first, plain `yield*`
   * helpers included, and waits inside them are honoured; no code after the cancelled point runs. A cancel that
   * lands inside a `shield` waits until the shield ends, and is thrown where it ends. Returns false if the thread
   * has ended, is already being cancelled, or its script is over (it waits for its children).
   *
   * @example
   * ```ts
   * engine.cancel(grunt); // its finally blocks play the death animation, then it ends as cancelled
   * ```
   */
  cancel(thread: Thread): boolean {
    checkThread(thread, 'engine.cancel');
    return this.#scheduler.cancel(thread);
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
    this.#scheduler.send(thread, message);
  }

  /**
   * Posts `message` to the thread registered as `name` (see `register`), looked up now; no live thread with the
   * name is a {@link LoomError}. A name takes any message: its type is not known until it is looked up.
   *
   * @example
   * ```ts
   * engine.sendTo('boss', 'enrage');
   * ```
   */
  sendTo(name: string, message: unknown): void {
    const thread = this.#scheduler.registry.whereis(name);
    if (thread === null) throw new LoomError(`sendTo(${JSON.stringify(name)}): no live thread has that name`);
    this.#scheduler.send(thread, message);
  }

  /**
   * Posts `message` to every member of `group` (see `joinGroup`), in the order they joined; returns how many.
   *
   * @example
   * ```ts
   * engine.broadcast('squad:alpha', { kind: 'regroup', x: 10, y: 4 });
   * ```
   */
  broadcast(group: string, message: unknown): number {
    const members = this.#scheduler.registry.members(group);
    for (const member of members) this.#scheduler.send(member, message);
    return members.length;
  }

  /**
   * The live thread registered as `name` (see `register`), or null.
   *
   * @example
   * ```ts
   * const boss = engine.whereis('boss');
   * ```
   */
  whereis(name: string): Thread | null {
    return this.#scheduler.registry.whereis(name);
  }

  /**
   * The live members of `group` (see `joinGroup`), in the order they joined.
   *
   * @example
   * ```ts
   * for (const scout of engine.members('squad:alpha')) console.log(scout.label);
   * ```
   */
  members(group: string): Thread[] {
    return this.#scheduler.registry.members(group);
  }

  /**
   * Every registered name and its thread, in the order they were taken: for inspectors.
   *
   * @example
   * ```ts
   * for (const [name, thread] of engine.names()) console.log(name, thread.label);
   * ```
   */
  names(): ReadonlyMap<string, Thread> {
    return this.#scheduler.registry.names();
  }

  /**
   * Every group and its members, in the order the groups were first joined: for inspectors.
   *
   * @example
   * ```ts
   * for (const [group, members] of engine.groups()) console.log(group, members.length);
   * ```
   */
  groups(): ReadonlyMap<string, readonly Thread[]> {
    return this.#scheduler.registry.groups();
  }

}

/**
 * `engine.spawn`, with the call site of whoever called `callee`: a wrapper (a recorder's `spawn`)
 * passes itself, so the thread is said to be spawned where the host called the wrapper, not inside it.
 */
export function spawnCalledBy(engine: Engine, callee: (...args: never[]) => unknown, input: unknown[]): Thread {
  const scheduler = schedulerOf(engine);
  const site = scheduler.callSiteMode === CallSiteMode.off ? null : scheduler.sites.capture(callee);
  return scheduler.create(null, input, 'engine.spawn', site);
}

function nestedTick(engine: Engine, ticking: Scheduler): LoomError {
  const columns = ticking.columns;
  const running = columns.running >= 0 ? ` (from ${columns.threads[columns.running]!.label})` : '';
  const whose = ticking.engine === engine ? 'its own tick' : "another engine's tick";
  return new LoomError(`engine.step() was called during ${whose}${running}: ticks do not nest; step engines from the host loop`);
}

function printError(error: unknown, thread: Thread): void {
  const thrown = thread.extra?.thrown ?? null;
  const stack = thrown !== null && thrown.error === error ? thrown : null;
  console.error(`[loom] ${thread.label} (${stateName(thread.state)}): ${formatFailure(error, stack)}`);
}
