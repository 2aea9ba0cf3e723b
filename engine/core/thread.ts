import { ThreadState, badMove, canMove, isFinal, stateName } from './thread-state.ts';
import { unlink, type ListNode, type ThreadList } from './thread-list.ts';
import type { Engine } from './engine.ts';
import type { Scheduler } from './scheduler.ts';
import type { Script } from './script.ts';
import { childList, type Children } from './children.ts';
import type { Mailbox } from './mailbox.ts';
import type { MessageFor } from './message-types.ts';
import type { Group } from '../ops/group.ts';
import { WAIT_KINDS, type Wait } from './wait-kind.ts';
import { LoomError, type Cancellation } from './errors.ts';
import { sitePosition, type Site, type SourcePosition } from '../diagnostics/call-site.ts';
import { ScriptStack } from '../diagnostics/script-stack.ts';
import { recordOf, spawningOf, type Spawning } from '../diagnostics/spawnings.ts';
import type { HotThread } from '../hot-reload/hot-reload.ts';
import type { ActorParts, EndWatch } from './actor-parts.ts';
import type { SupervisedChild } from '../ops/supervision.ts';

/** How the core resumes a thread's top frame next. */
export const Resume = {
  /** `next(value)`: the wait completed with `value`. */
  NEXT: 0,
  /** `throw(value)`: the wait failed with the error `value` (a cancel is thrown too, as the thread's Cancellation). */
  THROW: 1,
} as const;
export type Resume = (typeof Resume)[keyof typeof Resume];

/** Bits of `Thread.flags`; the two lowest hold the {@link Resume} mode, the ones above these the state and wait. */
export const Flag = {
  /** A cancel waits to be thrown at the thread's next wait, or where its shield ends: asked as it ran or was shielded. */
  CANCEL_PENDING: 4,
  /** Its Cancellation has been thrown into it: its frames are unwinding, running their `finally` blocks. */
  CANCELLING: 8,
  /** Spawned detached: owned by the engine, not by the thread that spawned it. */
  DETACHED: 16,
  /** Its failure was handed to a joiner, a group or the parent: the error hook must not report it. */
  OBSERVED: 32,
  /** Failures of its children wait in `extra.failures` to be thrown at its next waits, one per wait. */
  FAILURES: 1 << 14,
  /** `engine.breakBeforeResume`: its next resume runs a `debugger` statement first. */
  BREAK: 1 << 15,
} as const;

// One small integer holds the resume mode, the flags, the state, the wait kind and whether a value is held (see
// `value`): a field each would cost 8 bytes per thread, and a parked thread's record is most of what the engine
// adds to its generator.
const MODE_BITS = 3;
const STATE_SHIFT = 6;
const STATE_BITS = 7 << STATE_SHIFT;
const WAIT_SHIFT = 9;
const WAIT_BITS = 15 << WAIT_SHIFT;
const HELD = 1 << 13;
const READY_BITS = ThreadState.READY << STATE_SHIFT;
const WAITING_BITS = ThreadState.WAITING << STATE_SHIFT;

/**
 * The flags of the common case: READY, resuming with `next()` and nothing, no flag, no wait. The core
 * compares with it as the literal 0, which a test checks it is.
 */
export const PLAIN_FLAGS = READY_BITS | Resume.NEXT;

// The scheduler whose tick is running now, if any: it is how `useThread()` finds the running thread without being
// handed it, and how a tick of one engine refuses to run inside another's. It is the one piece of state shared by
// the engines of a process, and it is null between ticks.
let ticking: Scheduler | null = null;

/** The thread whose script is executing now, or null outside a resume. */
export function runningThread(): Thread | null {
  const columns = ticking?.columns;
  return columns !== undefined && columns.running >= 0 ? columns.threads[columns.running]! : null;
}

/** The scheduler of the engine running a tick now, or null. */
export function tickingScheduler(): Scheduler | null {
  return ticking;
}

/** `scheduler` starts (or, with null, ends) a tick. */
export function setTicking(scheduler: Scheduler | null): void {
  ticking = scheduler;
}

function watchList(watches: Set<EndWatch> | null, pick: (watch: EndWatch) => Thread): Thread[] {
  return watches === null ? [] : [...watches].filter((watch) => watch.kind === 'monitor').map(pick);
}

/** A generator of a script: it yields ops (or nothing, for "next tick") and returns R. */
export type ScriptGenerator<R = unknown> = Generator<unknown, R, unknown>;

/** Rarely needed parts of a thread, allocated on first use so a parked thread stays small. */
export class ThreadExtra {
  name: string | null = null;
  children: Children = null;
  joiners: ThreadList | null = null;
  mailbox: Mailbox | null = null;
  group: Group | null = null;
  /** The Cancellation thrown into it, once cancelled: it ends `cancelled` when this escapes its bottom frame. */
  cancellation: Cancellation | null = null;
  /**
   * While cancelling: the deepest frame the Cancellation is unwinding. Frames above it were pushed by cleanup code
   * and return normally; a frame at or below it that returns normally has swallowed the Cancellation.
   */
  cancelDepth = 0;
  /** Depths of its `shield` frames, bottom first: while any is on the stack, cancels and child failures wait. */
  shields: number[] | null = null;
  /** Failures of its children to throw at its next waits, oldest first (see Flag.FAILURES). */
  failures: unknown[] | null = null;
  /** Call sites (see EngineOptions.callSites) by depth: where each frame called the frame above it. */
  sites: (Site | null)[] | null = null;
  /** The call site of its latest op: a pending sub-script call or spawn, or (`'waits'`) where it waits. */
  site: Site | null = null;
  /** The stack of the error now unwinding its frames, recorded where it first left a frame; then its failure's. */
  thrown: ScriptStack | null = null;
  /** Its script over, the state and value it ends with once its children have ended. */
  endState: ThreadState = ThreadState.DONE;
  endValue: unknown = undefined;
  /** A race, all or timeout branch waiting in `receive` on this thread's mailbox. */
  receiver: Thread | null = null;
  /** Names, groups, monitors, calls and supervision: see ActorParts. */
  actor: ActorParts | null = null;
  /** Accounting: resumes counted while accounting was on. */
  resumes = 0;
  /** Accounting: ms spent in resumes in tick `msTickOf`, and the decaying per-tick average as of that tick. */
  msTick = 0;
  msTickOf = -1;
  msAverage = 0;
}

/**
 * A user-level thread: a handle to it and, inside the engine, its saved context (its frames and what it waits on).
 * A handle stays valid forever: ids are never reused, so a handle to a finished thread never reaches a newer one.
 * `R` is its script's result; `M` the messages its mailbox takes (see `receive`): `never` for a script that
 * receives nothing, so a plain `Thread` is any thread, and only a handle typed with `M` can be sent to.
 *
 * @example
 * ```ts
 * const boss = engine.spawn({ name: 'boss' }, bossScript, arena);
 * console.log(boss.label, boss.stateName); // "#1 boss" "ready"
 * boss.cancel();
 * ```
 */
export class Thread<R = unknown, in M = never> {
  /**
   * @internal While it lives, its slot in the thread columns, which hold its flags and top frame (a resume with
   * nothing pending reads those, never this record); once it has ended, the complement (~) of its final flags.
   */
  slot = -1;
  /** @internal See `value`. */
  private held: unknown = undefined;
  /** @internal The tick it last parked WAITING in: woken in that tick, it runs in the next (at most once a tick). */
  parkedIn = -1;
  /** @internal Intrusive links: the wheel slot or wait list holding this thread. */
  prev: ListNode | null = null;
  /** @internal */
  next: ListNode | null = null;
  /** @internal */
  extra: ThreadExtra | null = null;
  /**
   * @internal The spawned script while the thread is one frame deep; after its first sub-script call, an array
   * (kept) of the script then the lower frames with their names, bottom first: [script, gen, name, gen, name, ...].
   */
  stack: Script | (Script | ScriptGenerator | string)[];
  /** @internal The scheduler of the engine running it. */
  readonly kernel: Scheduler;
  /** The thread that spawned it; null for threads spawned from outside or detached. */
  readonly parent: Thread | null;
  /** Unique within the engine, never reused. */
  readonly id: number;
  /** The tick it was spawned in. */
  readonly born: number;
  // Types only (nothing at run time): keeps M contravariant when TypeScript compares handles member by member, as
  // it does for a Thread<void, M>; `send` alone, a method, would let a handle take messages its script does not.
  declare private readonly takes?: (message: M) => void;

  /** @internal Use `engine.spawn` or the `spawn` op. */
  constructor(kernel: Scheduler, parent: Thread | null, id: number, script: Script, gen: ScriptGenerator, born: number) {
    this.stack = script;
    this.kernel = kernel;
    this.parent = parent;
    this.id = id;
    this.born = born;
    this.slot = kernel.columns.attach(this, gen);
  }

  /** @internal Bits of {@link Flag}, with the {@link Resume} mode, the state, the wait kind and HELD packed in. */
  get flags(): number {
    const slot = this.slot;
    return slot >= 0 ? this.kernel.columns.flags[slot]! : ~slot;
  }
  /** @internal */
  set flags(flags: number) {
    const slot = this.slot;
    if (slot >= 0) this.kernel.columns.flags[slot] = flags;
    else this.slot = ~flags;
  }

  /** @internal The top frame; null once its script is over. */
  get gen(): ScriptGenerator | null {
    const slot = this.slot;
    return slot >= 0 ? this.kernel.columns.gens[slot]! : null;
  }
  /** @internal */
  set gen(gen: ScriptGenerator | null) {
    const slot = this.slot;
    if (slot < 0) throw new LoomError(`internal: ${this.label} has ended; it has no frames to set`);
    this.kernel.columns.gens[slot] = gen;
  }

  /**
   * @internal One value, three uses that never overlap: while WAITING, the wait's operand (`waitOn`); while
   * READY, the value or error to resume with; once final, the result or the error. While the thread lives, the
   * HELD bit of its flags says whether it is set, so a plain resume (flags 0) need not read it.
   */
  get value(): unknown {
    return this.held;
  }
  /** @internal */
  set value(value: unknown) {
    this.held = value;
    const slot = this.slot;
    if (slot < 0) return;
    const flags = this.kernel.columns.flags;
    flags[slot] = value === undefined ? flags[slot]! & ~HELD : flags[slot]! | HELD;
  }

  /** @internal It has ended: its flags move from the columns into this record, and its slot is freed. */
  freeSlot(): void {
    const columns = this.kernel.columns;
    const slot = this.slot;
    this.slot = ~columns.flags[slot]!;
    columns.detach(slot);
    if (columns.running === slot) columns.running = -1; // ended in its own resume: a new thread may take the slot
  }

  /** The thread's state; see {@link ThreadState}. */
  get state(): ThreadState {
    const state = ((this.flags & STATE_BITS) >> STATE_SHIFT) as ThreadState;
    return state === ThreadState.READY && this.slot >= 0 && this.kernel.columns.running === this.slot
      ? ThreadState.RUNNING
      : state;
  }

  /** The top-level script function. */
  get script(): Script {
    const stack = this.stack;
    return typeof stack === 'function' ? stack : (stack[0] as Script);
  }

  /** How many times the thread was resumed while `engine.accounting` was on. */
  get resumes(): number {
    return this.kernel.accounting.resumesOf(this);
  }

  /** The given name, or the script function's name. */
  get name(): string {
    return this.extra?.name ?? (this.script.name || 'script');
  }

  /** `#id name`, as errors and the inspector print it. */
  get label(): string {
    return `#${this.id} ${this.name}`;
  }

  /** The state as a word: `'ready'`, `'running'`, `'waiting'`, `'done'`, `'failed'` or `'cancelled'`. */
  get stateName(): string {
    return stateName(this.state);
  }

  /** Whether the thread has not ended yet. */
  get alive(): boolean {
    return !isFinal(this.state);
  }

  /** Whether it is being cancelled: its Cancellation is unwinding it, or waits to be thrown at its next wait. */
  get cancelling(): boolean {
    return (this.flags & (Flag.CANCELLING | Flag.CANCEL_PENDING)) !== 0;
  }

  /**
   * Whether its frames unwind for a hot reload, after which it starts again on new code (see `Engine.reload`): its
   * cleanup can tell this from a cancel, e.g. to keep its entity alive.
   */
  get reloading(): boolean {
    return this.hot?.reloading === true;
  }

  /** Times a hot reload restarted it on new code; 0 once it has ended. */
  get reloads(): number {
    return this.hot?.reloads ?? 0;
  }

  /** @internal What a hot reload needs to restart it: kept with `hotReload` on, until it ends. */
  get hot(): HotThread | null {
    return this.slot >= 0 ? (this.kernel.columns.hots?.[this.slot] ?? null) : null;
  }

  /** Whether it was spawned detached (owned by the engine). */
  get detached(): boolean {
    return (this.flags & Flag.DETACHED) !== 0;
  }

  /** The return value once DONE, else undefined. */
  get result(): R | undefined {
    return this.state === ThreadState.DONE ? (this.value as R) : undefined;
  }

  /** The error once FAILED, else undefined. */
  get error(): unknown {
    return this.state === ThreadState.FAILED ? this.value : undefined;
  }

  /** Names it is registered under (see `register`), oldest first; none once it has ended. */
  get registeredNames(): readonly string[] {
    return this.extra?.actor?.names ?? [];
  }

  /** Groups it is a member of (see `joinGroup`), oldest first; none once it has ended. */
  get groups(): readonly string[] {
    return this.extra?.actor?.groups ?? [];
  }

  /** Threads it monitors (see `monitor`), oldest watch first; a thread watched twice is listed twice. */
  get monitoring(): Thread[] {
    return watchList(this.extra?.actor?.watching ?? null, (watch) => watch.target);
  }

  /** Threads monitoring it, oldest watch first. */
  get monitoredBy(): Thread[] {
    return watchList(this.extra?.actor?.watchers ?? null, (watch) => watch.watcher);
  }

  /** If it runs `supervisor`: its children, their threads and restart counts; else null. */
  get supervised(): readonly SupervisedChild[] | null {
    return this.extra?.actor?.supervision?.view() ?? null;
  }

  /** The live children, oldest first. */
  get children(): Thread[] {
    return childList(this.extra?.children ?? null);
  }

  /** Script names of its frames, bottom (the spawned script) first, top (running now) last. */
  get frames(): string[] {
    if (!this.alive) return [];
    const names = [this.script.name || 'script'];
    const stack = this.stack;
    if (typeof stack !== 'function') for (let i = 2; i < stack.length; i += 2) names.push(stack[i] as string);
    return names;
  }

  /**
   * Its script stack: where a live thread is now (innermost first, with the lines captured: see
   * `EngineOptions.callSites`), or where a failed thread failed; null once its script ended otherwise.
   */
  get scriptStack(): ScriptStack | null {
    if (this.gen !== null) return this.stackNow(undefined);
    const extra = this.extra;
    const failed = this.alive ? extra?.endState === ThreadState.FAILED : this.state === ThreadState.FAILED;
    return failed ? (extra?.thrown ?? null) : null; // a failed script waiting for its children to end has it too
  }

  /** Where it waits (captured with `callSites: 'waits'`), e.g. the line of `yield* sleep(0.6)`; null if unknown. */
  get waitingAt(): SourcePosition | null {
    return this.state === ThreadState.WAITING ? sitePosition(this.topSite()) : null;
  }

  /** @internal Where and by whom it was spawned, if call sites were on then; null once it has ended. */
  get spawning(): Spawning | null {
    return this.slot >= 0 ? recordOf(this) : null;
  }

  /** @internal Its script stack as it is now; `error` is what it throws, if it is failing. */
  stackNow(error: unknown): ScriptStack {
    const sites = this.extra?.sites;
    const names = this.frames;
    const recorded = names.map((name, depth) => ({ name, site: depth < names.length - 1 ? (sites?.[depth] ?? null) : null }));
    return new ScriptStack(this.label, recorded, this.topSite(), error, spawningOf(this));
  }

  // The call site of the top frame's latest op; in a shield frame, the call of the shield (the op is the shield's).
  private topSite(): Site | null {
    const extra = this.extra;
    const spawn = this.kernel.sites.spawnSiteOf(this); // with 'frames', a failed spawn's site stays there
    if (extra === null) return spawn;
    const top = this.depth - 1;
    return extra.shields?.at(-1) === top ? (extra.sites?.[top - 1] ?? null) : (extra.site ?? spawn);
  }

  /** Number of frames: 1 plus the sub-scripts it is inside. */
  get depth(): number {
    const stack = this.stack;
    return typeof stack === 'function' ? 1 : (stack.length + 1) / 2;
  }

  /** What it waits on, e.g. `sleep until 12.40 s`, `join #812 boss`, `signal door.opened`; '' if not waiting. */
  get waitingOn(): string {
    return this.wait && this.state === ThreadState.WAITING ? this.wait.describe(this) : '';
  }

  /** The engine running it. */
  get engine(): Engine {
    return this.kernel.engine;
  }

  /** Ticks since it was spawned. */
  get age(): number {
    return this.kernel.tick - this.born;
  }

  /** Cancels the thread; see {@link Engine.cancel}. */
  cancel(): boolean {
    return this.kernel.cancel(this);
  }

  /** Posts a message to its mailbox; see {@link Engine.send}. */
  send(message: MessageFor<M>): void {
    this.engine.send(this, message);
  }

  /** @internal How the core resumes the top frame next. */
  get mode(): Resume {
    return (this.flags & MODE_BITS) as Resume;
  }
  /** @internal */
  set mode(mode: Resume) {
    this.flags = (this.flags & ~MODE_BITS) | mode;
  }

  /** @internal What it is parked on while WAITING. */
  get wait(): Wait | null {
    const code = (this.flags & WAIT_BITS) >> WAIT_SHIFT;
    return code === 0 ? null : WAIT_KINDS[code - 1]!;
  }
  /** @internal */
  set wait(wait: Wait | null) {
    this.flags = (this.flags & ~WAIT_BITS) | (wait === null ? 0 : wait.code << WAIT_SHIFT);
  }

  /** @internal While WAITING: the wait's operand (a wake tick, a signal, a predicate, a thread, a group). */
  get waitOn(): unknown {
    return this.value;
  }
  /** @internal */
  set waitOn(operand: unknown) {
    this.value = operand;
  }

  /** @internal Its extra record, made on first use. */
  ensureExtra(): ThreadExtra {
    return (this.extra ??= new ThreadExtra());
  }

  /** @internal Moves to `to`, checking the state machine. RUNNING is entered only by {@link Thread.beginRun}. */
  become(to: ThreadState): void {
    const from = this.state;
    if (!canMove(from, to) || to === ThreadState.RUNNING) throw badMove(this.label, from, to);
    this.flags = (this.flags & ~STATE_BITS) | (to << STATE_SHIFT);
  }

  /** @internal RUNNING → WAITING on `wait`, with its operand (`waitOn`): checked, in one write of the flags. */
  parkOn(wait: Wait, operand: unknown): void {
    const flags = this.flags;
    if ((flags & STATE_BITS) !== READY_BITS || this.kernel.columns.running !== this.slot) throw badMove(this.label, this.state, ThreadState.WAITING);
    this.held = operand;
    const kept = flags & ~(STATE_BITS | WAIT_BITS | HELD);
    this.flags = kept | WAITING_BITS | (wait.code << WAIT_SHIFT) | (operand === undefined ? 0 : HELD);
  }

  /** @internal WAITING → READY, to resume with `mode` and `value`: checked, in one write of the flags. */
  readyWith(mode: Resume, value: unknown): void {
    const flags = this.flags;
    if ((flags & STATE_BITS) !== WAITING_BITS) throw badMove(this.label, this.state, ThreadState.READY);
    this.held = value;
    const kept = flags & ~(STATE_BITS | WAIT_BITS | MODE_BITS | HELD);
    this.flags = kept | READY_BITS | mode | (value === undefined ? 0 : HELD);
  }

  /** @internal The core starts resuming it: READY → RUNNING, checked. */
  beginRun(): void {
    if ((this.flags & STATE_BITS) !== READY_BITS) {
      throw badMove(this.label, this.state, ThreadState.RUNNING);
    }
    this.kernel.columns.running = this.slot;
  }

  /** @internal RUNNING → READY, for the next tick: checked, and no bits change (see `running`). */
  yieldTick(): void {
    if ((this.flags & STATE_BITS) !== READY_BITS) throw badMove(this.label, this.state, ThreadState.READY);
  }

  /** @internal */
  unlink(): void {
    unlink(this);
  }

  toString(): string {
    return this.label;
  }
}
