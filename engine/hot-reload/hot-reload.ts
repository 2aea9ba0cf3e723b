import type { Scheduler } from '../core/scheduler.ts';
import type { Script } from '../core/script.ts';
import { LoomError } from '../core/errors.ts';
import { isBranch } from '../ops/group.ts';
import { wait } from '../ops/wait.ts';
import { checkScript, type AnySpawnable } from '../core/script.ts';
import { createSignal, type Signal } from '../ops/signal.ts';
import { Flag, tickingScheduler, type ScriptGenerator, type Thread } from '../core/thread.ts';

/**
 * Adapts what a thread restarted by a hot reload passes to its new script, like Erlang's `code_change`: it gets
 * the arguments the thread was spawned with (after its old code's cleanup ran) and returns the ones to restart
 * with, or nothing to keep them.
 *
 * @example
 * ```ts
 * const migrate: Migrate = ([world, self]) => { (self as Entity).speed ??= 150; };
 * ```
 */
export type Migrate = (args: unknown[], thread: Thread) => unknown[] | void;

/** One script of a changed module: its loaded version, its new one and how to adapt a thread's arguments. */
export interface ScriptChange {
  /** The script as it was loaded: a generator function or a `script()` sub-script. */
  readonly from: AnySpawnable;
  /** Its new version. */
  readonly to: AnySpawnable;
  /** Called for each restarted thread whose spawned script is `from`; see {@link Migrate}. */
  readonly migrate?: Migrate;
}

/** What a thread needs to be restarted: kept only with `hotReload` on. */
export interface HotThread {
  /** The script it (re)starts with, and the arguments it was spawned with. */
  script: Script;
  args: unknown[];
  /** Times it was restarted by a reload. */
  reloads: number;
  /** Its frames are unwinding for a restart; see `Thread.reloading`. */
  reloading: boolean;
  /** The migrate hook of the reload under way, if its spawned script has one. */
  migrate: Migrate | null;
}

/**
 * An engine's hot reload: which scripts replaced which, and the restart of the threads that ran them.
 * Frames are told by their generator's prototype: each generator function gives its generators one of their own.
 */
export class HotReload {
  // The newest version of every script replaced so far, so a spawn or sub-script call from unchanged code runs it.
  private readonly newest = new Map<Script, Script>();
  // Where held threads park: nothing emits it, a reload cancels them.
  private readonly fixed: Signal = createSignal('a fix of its script (hot reload)');

  constructor(private readonly scheduler: Scheduler) {}

  /** The script to run for `script`: its newest version. */
  resolve(script: Script): Script {
    return this.newest.get(script) ?? script;
  }

  /** Keeps what restarting `thread` takes. */
  track(thread: Thread, script: Script, args: unknown[]): void {
    this.scheduler.columns.recordHot(thread.slot, { script, args, reloads: 0, reloading: false, migrate: null });
  }

  /** See `Engine.reload`. */
  reload(changes: Iterable<ScriptChange>): Thread[] {
    if (tickingScheduler() !== null) throw new LoomError('engine.reload() was called during a tick: reload between ticks, from the host');
    const byFrame = new Map<object, ScriptChange>();
    const replaced = new Map<Script, Script>();
    for (const change of changes) {
      const from = checkScript(change.from, 'engine.reload', null);
      replaced.set(from, checkScript(change.to, 'engine.reload', null));
      byFrame.set(from.prototype as object, change);
    }
    for (const [old, next] of this.newest) this.newest.set(old, replaced.get(next) ?? next);
    for (const [old, next] of replaced) this.newest.set(old, next);
    const restarting = this.affected(byFrame);
    for (const thread of restarting) {
      const hot = thread.hot!;
      this.scheduler.cancel(thread);
      hot.reloading = true;
      hot.reloads++;
      hot.migrate = byFrame.get(hot.script.prototype as object)?.migrate ?? null;
      hot.script = this.resolve(hot.script);
    }
    return restarting;
  }

  /**
   * Whether the Cancellation that unwound `thread` was a reload's: if so it starts again on its script's newest
   * version with the same arguments (migrated), and true is returned instead of the thread ending.
   */
  restart(thread: Thread): boolean {
    const hot = thread.hot;
    if (hot == null || !hot.reloading) return false;
    hot.reloading = false;
    let gen: ScriptGenerator;
    try {
      const args = hot.migrate?.(hot.args, thread) ?? hot.args;
      hot.args = args;
      gen = hot.script(...(args as never[]));
    } catch (error) {
      this.scheduler.report(error, thread);
      return this.park(thread);
    }
    this.scheduler.restartOn(thread, hot.script, gen);
    return true;
  }

  /**
   * Whether `thread`, failing with `error`, is held rather than failed: a thread a reload restarted is, so a bug in
   * code just edited fails only its own threads and a fix restarts them. The error is reported to `onError`.
   */
  holds(thread: Thread, error: unknown): boolean {
    const hot = thread.hot;
    if (hot == null || hot.reloads === 0 || thread.cancelling) return false;
    this.scheduler.report(error, thread);
    for (const child of thread.children.reverse()) this.scheduler.cancel(child);
    return this.park(thread);
  }

  /** A real cancel of a thread unwinding for a reload: it ends cancelled instead of restarting. */
  cancelsReload(thread: Thread): boolean {
    const hot = thread.hot;
    if (hot == null || !hot.reloading) return false;
    hot.reloading = false;
    return true;
  }

  // The thread waits for the next reload of its script, on a frame of its own.
  private park(thread: Thread): true {
    thread.ensureExtra().name ??= thread.name;
    this.scheduler.restartOn(thread, awaitingFix as Script, awaitingFix(this.fixed));
    return true;
  }

  // The live threads running a changed script at the bottom or in a frame the engine owns, but those under
  // another of them (they are cancelled as it restarts). A race or all branch stands for the thread that waits on it.
  // In the order they were spawned: their slots' order is not the engine's to keep (a shrink of the columns moves it).
  private affected(byFrame: Map<object, ScriptChange>): Thread[] {
    const found = new Set<Thread>();
    for (const thread of this.scheduler.threads()) {
      if (thread.gen === null || thread.cancelling || !runsAny(thread, byFrame)) continue;
      let owner: Thread | null = thread;
      while (owner !== null && isBranch(owner.script)) owner = owner.parent;
      if (owner?.hot != null && !owner.cancelling) found.add(owner);
    }
    return [...found].filter((thread) => !hasAncestorIn(thread, found)).sort((a, b) => a.id - b.id);
  }
}

/** @internal The frame of a thread whose new code failed, until a reload restarts it. */
function* awaitingFix(fixed: Signal): Generator<unknown, void, unknown> {
  yield* wait(fixed);
}

function runsAny(thread: Thread, byFrame: Map<object, ScriptChange>): boolean {
  if (byFrame.has(thread.hot?.script.prototype as object)) return true;
  const stack = thread.stack;
  if (typeof stack !== 'function') {
    for (let i = 1; i < stack.length; i += 2) if (byFrame.has(Object.getPrototypeOf(stack[i]) as object)) return true;
  }
  return byFrame.has(Object.getPrototypeOf(thread.gen) as object);
}

function hasAncestorIn(thread: Thread, set: Set<Thread>): boolean {
  for (let up = thread.parent; up !== null; up = up.parent) if (set.has(up)) return true;
  return false;
}

/** Clears what the unwinding left on a thread that starts again. */
export function clearUnwinding(thread: Thread): void {
  thread.flags &= ~(Flag.CANCELLING | Flag.CANCEL_PENDING);
  const extra = thread.extra;
  if (extra === null) return;
  extra.cancellation = null;
  extra.cancelDepth = 0;
  extra.thrown = null;
  extra.sites = null;
  extra.site = null;
}
